import { describe, expect, it } from 'vitest'
import { Phone, parsePhone } from '../../../src/shared/domain/phone'

describe('parsePhone', () => {
  it.each([
    ['13812345678', 'mobile', '', '13812345678'],
    ['138 1234 5678', 'mobile', '', '13812345678'],
    ['138-1234-5678', 'mobile', '', '13812345678'],
    ['+86 138 1234 5678', 'mobile', '', '13812345678'],
    ['008613812345678', 'mobile', '', '13812345678'],
    ['8613812345678', 'mobile', '', '13812345678'],
    ['19912345678', 'mobile', '', '19912345678'],
    ['021-62345678', 'landline', '021', '62345678'],
    ['(021) 6234 5678', 'landline', '021', '62345678'],
    ['02162345678', 'landline', '021', '62345678'],
    ['+86 21 6234 5678', 'landline', '021', '62345678'],
    ['010-12345678', 'landline', '010', '12345678'],
    ['0571-8765432', 'landline', '0571', '8765432'],
    ['62345678', 'local', '', '62345678'],
  ])('%s', (input, kind, areaCode, number) => {
    expect(parsePhone(input)).toEqual({ kind, areaCode, number })
  })

  it.each([
    '12812345678', // no mobile prefix 12
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '021-6234567890',
    '021-62345678-801', // extensions are refused
    '001-2025550123',
    '６２３４５６７８',
    'abc',
    '',
  ])('refuses %s', (input) => {
    expect(parsePhone(input)).toBeUndefined()
  })

  it('the schema stores one form however the number was typed', () => {
    expect(Phone.parse('+86 138 1234 5678')).toBe('13812345678')
    expect(Phone.parse('(021) 6234 5678')).toBe('021-62345678')
    expect(Phone.safeParse('12812345678').error?.issues[0]?.message).toBe('phone')
  })
})
