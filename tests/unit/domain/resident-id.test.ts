import { describe, expect, it } from 'vitest'
import {
  ResidentId,
  checkResidentId,
  residentIdCheckCharacter,
} from '../../../src/shared/domain/resident-id'

// Check characters below were computed independently (a Python script), not with the module.
const TODAY = '2026-05-01'

describe('checkResidentId: valid numbers', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female', '11'], // the example printed in GB 11643
    ['11010519491231002x', '1949-12-31', 'female', '11'], // lower-case x
    ['310101199003071230', '1990-03-07', 'male', '31'],
    ['310115200002290048', '2000-02-29', 'female', '31'], // leap day
    ['310101190001010011', '1900-01-01', 'male', '31'], // earliest accepted birth date
    ['310101202605010018', '2026-05-01', 'male', '31'], // born today
    ['710101199003071235', '1990-03-07', 'male', '71'], // Taiwan in GB/T 2260
    ['810000199003071245', '1990-03-07', 'female', '81'], // Hong Kong residence permit
    ['830000199003071230', '1990-03-07', 'male', '83'], // Taiwan residence permit
  ])('%s', (id, birthDate, sex, region) => {
    expect(checkResidentId(id, TODAY)).toEqual({ valid: true, birthDate, sex, region })
  })
})

describe('checkResidentId: adversarial', () => {
  it.each([
    ['11010519491231002', 'format'], // 17 digits
    ['11010519491231002X1', 'format'], // 19 characters
    ['110105491231002', 'format'], // 15-digit first-generation number
    ['１１０１０５１９４９１２３１００２Ｘ', 'format'], // full-width digits from an IME
    ['11010519491231002Ｘ', 'format'], // full-width X
    ['110105 19491231002X', 'format'], // inner space
    [' 11010519491231002X', 'format'], // outer space: the schema trims, the check does not
    ['11010519491231002Y', 'format'],
    ['X1010519491231002X', 'format'],
    ['1101051949123100２X', 'format'],
    ['', 'format'],
    ['910101199003071232', 'region'], // valid check character, no province 91
    ['000101199003071238', 'region'],
    ['310101200002300017', 'birthDate'], // 30 February, valid check character
    ['310101201902290023', 'birthDate'], // 29 February in a common year
    ['310101190002290027', 'birthDate'], // 1900 was not a leap year
    ['310101189912310017', 'birthDate'], // 1899
    ['440524188001010014', 'birthDate'], // 1880
    ['310101202605020013', 'birthDate'], // born tomorrow
    ['310115202612310033', 'birthDate'], // later this year
    ['310101199013071234', 'birthDate'], // month 13
    ['310101200000000010', 'birthDate'], // month and day 00
    ['110105194912310020', 'checksum'], // should end in X
    ['110105194912310029', 'checksum'],
    ['310101199003071231', 'checksum'],
    ['31010119900307123X', 'checksum'],
    ['310101199003071320', 'checksum'], // sequence digits swapped
    ['310110199003071230', 'checksum'], // district digits swapped
  ])('%s → %s', (id, reason) => {
    expect(checkResidentId(id, TODAY)).toEqual({ valid: false, reason })
  })

  it('the check character is ISO 7064 MOD 11-2', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X')
    expect(residentIdCheckCharacter('31010119900307123')).toBe('0')
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4')
  })

  it('defaults "today" to the current date in China', () => {
    expect(checkResidentId('310101199003071230').valid).toBe(true)
    expect(checkResidentId('310101209901010010').valid).toBe(false)
  })
})

describe('ResidentId schema', () => {
  it('trims and upper-cases the check character', () => {
    expect(ResidentId.parse('  11010519491231002x ')).toBe('11010519491231002X')
  })

  it.each([
    ['11010519491231002', 'residentId.format'],
    ['910101199003071232', 'residentId.region'],
    ['310101200002300017', 'residentId.birthDate'],
    ['310101199003071231', 'residentId.checksum'],
  ])('%s → %s', (id, message) => {
    const result = ResidentId.safeParse(id)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message)).toEqual([message])
  })
})
