import { describe, expect, it } from 'vitest'
import {
  maskAddress,
  maskName,
  maskPhone,
  maskResidentId,
  maskText,
  textRedactor,
  viewParties,
  viewParty,
} from '../../../src/shared/domain/masking'

describe('maskResidentId', () => {
  it.each([
    ['11010519491231002X', '110***********002X'],
    ['310101199003071230', '310***********1230'],
    [' 310101199003071230 ', '310***********1230'],
    ['310101900307123', '310********7123'], // 15 characters: still 8 hidden
    ['E12345678', '*******78'], // a passport keeps 2 of 9
    ['G1234567', '******67'],
    ['1234567', '*******'],
    ['', ''],
  ])('%s → %s', (id, masked) => {
    expect(maskResidentId(id)).toBe(masked)
  })

  it('never shows more than 7 characters of a resident ID, and always hides the birth date', () => {
    const masked = maskResidentId('310101199003071230')
    expect(masked.replaceAll('*', '').length).toBe(7)
    expect(masked).not.toContain('19900307')
    expect(masked.slice(6, 14)).toBe('********')
  })
})

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['021-62345678', '021-****5678'],
    ['0571-8765432', '0571-***5432'],
    ['62345678', '****5678'],
    ['021-62345678-801', '****************'], // unrecognized: masked completely
    ['abc', '***'],
    ['', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked)
  })
})

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    [' 李 ', '李*'], // one character still hides something
    ['Anna Smith', 'A*********'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
})

describe('maskAddress', () => {
  it.each([
    ['上海市浦东新区张杨路100弄5号301室', '上海市浦东新区****'],
    ['黄浦区南京东路1号', '黄浦区****'],
    ['江苏省昆山市花桥镇1号', '江苏省昆山市****'],
    ['张杨路100弄5号', '****'], // no district: nothing of it is shown
    ['上海市浦东新区', '****'], // only a district is still hidden: the whole value was given
    ['', ''],
  ])('%s → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked)
  })
})

describe('viewParty', () => {
  const person = {
    kind: 'person' as const,
    name: '张三',
    idNumber: '310101199003071230',
    phone: '13812345678',
    address: '上海市浦东新区张杨路100弄5号301室',
    role: 'applicant',
  }
  const company = { ...person, kind: 'organization' as const, name: '上海某物业有限公司' }

  it('full shows the record as it is', () => {
    expect(viewParty(person, 'full', '申请人1')).toBe(person)
  })

  it('masked keeps no full identifier of a person', () => {
    const shown = viewParty(person, 'masked', '申请人1')
    expect(shown).toEqual({
      ...person,
      name: '张*',
      idNumber: '310***********1230',
      phone: '138****5678',
      address: '上海市浦东新区****',
    })
    const text = JSON.stringify(shown)
    for (const value of ['张三', '310101199003071230', '13812345678', '张杨路']) {
      expect(text).not.toContain(value)
    }
  })

  it('de-identified replaces the name with the pseudonym and drops every contact detail', () => {
    expect(viewParty(person, 'deidentified', '申请人1')).toEqual({
      ...person,
      name: '申请人1',
      idNumber: null,
      phone: null,
      address: null,
    })
  })

  it('keeps an organization name (not personal data) but still masks its contact details', () => {
    expect(viewParty(company, 'masked', '被申请人1').name).toBe('上海某物业有限公司')
    expect(viewParty(company, 'masked', '被申请人1').phone).toBe('138****5678')
    expect(viewParty(company, 'deidentified', '被申请人1').phone).toBeNull()
  })
})

describe('textRedactor and maskText', () => {
  const zhang = {
    kind: 'person' as const,
    name: '张三丰',
    idNumber: '310101199003071230',
    phone: '13812345678',
    address: '上海市浦东新区张杨路100弄5号301室',
  }
  const text =
    '张三丰（13812345678，住上海市浦东新区张杨路100弄5号301室）称：李四电话021-62345678，身份证110105194912310025。'

  it('masks the case’s people wherever they occur, and any ID or phone shaped number', () => {
    expect(maskText(text, [zhang])).toBe(
      '张**（138****5678，住上海市浦东新区****）称：李四电话021-****5678，身份证110***********0025。',
    )
  })

  it('de-identifies with the pseudonym and drops numbers for the placeholder', () => {
    const shown = viewParty(zhang, 'deidentified', '申请人1')
    expect(textRedactor([{ original: zhang, shown }], 'deidentified', '[略]')(text)).toBe(
      '申请人1（[略]，住[略]）称：李四电话[略]，身份证[略]。',
    )
  })

  it('leaves a one-character name alone rather than every occurrence of that character', () => {
    expect(maskText('张先生与张女士', [{ ...zhang, name: '张' }])).toBe('张先生与张女士')
  })
})

describe('viewParties', () => {
  const person = (name: string, role: string, minor = false) => ({
    kind: 'person' as const,
    name,
    idNumber: null,
    phone: '13812345678',
    address: null,
    role,
    minor,
  })
  const parties = [
    person('张三丰', 'applicant'),
    person('李四', 'respondent'),
    person('张小明', 'applicant', true),
  ]
  const label = (role: string, n: number) => `${role}${n}`

  it('numbers people per role in order, and never shows a minor outside the full view', () => {
    expect(viewParties(parties, 'masked', label).map((p) => [p.name, p.phone])).toEqual([
      ['张**', '138****5678'],
      ['李*', '138****5678'],
      ['applicant2', null],
    ])
    expect(viewParties(parties, 'deidentified', label).map((p) => p.name)).toEqual([
      'applicant1',
      'respondent1',
      'applicant2',
    ])
    expect(viewParties(parties, 'full', label)).toEqual(parties)
  })
})
