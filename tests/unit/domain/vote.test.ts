import { describe, expect, it } from 'vitest'
import { Art278Matter, tallyVote } from '../../../src/shared/domain/vote'

const count = (area: string | number, headcount: number) => ({ area, headcount })

describe('which threshold applies (Civil Code Art. 278(2))', () => {
  it.each([
    ['meetingRules', 'majority'],
    ['managementStatute', 'majority'],
    ['committeeElection', 'majority'],
    ['propertyManager', 'majority'],
    ['useMaintenanceFund', 'majority'], // item 5: a majority since the Civil Code
    ['raiseMaintenanceFund', 'threeQuarters'], // items 6–8
    ['rebuild', 'threeQuarters'],
    ['changeCommonParts', 'threeQuarters'],
    ['otherMajorMatter', 'majority'],
  ] as const)('%s → %s', (matter, rule) => {
    const vote = {
      matter,
      total: count(100, 10),
      participating: count(100, 10),
      yes: count(100, 10),
    }
    expect(tallyVote(vote).rule).toBe(rule)
  })

  it('covers all nine matters of Art. 278(1)', () => {
    expect(Art278Matter.options).toHaveLength(9)
  })
})

describe('quorum: at least 2/3 of the area AND of the owners take part', () => {
  // 200.48 / 300.72 is exactly 2/3, but floating-point division says it is less.
  const total = count('300.72', 300)
  it.each([
    ['200.48', 200, true, true],
    ['200.47', 200, false, true], // 0.01 m² short
    ['200.48', 199, true, false], // one owner short
    [200.48, 200, true, true], // a number is read as the decimal it prints as
    ['300.72', 300, true, true],
    ['0', 0, false, false],
  ])('%s m², %i owners → area %s, headcount %s', (area, headcount, areaMet, headcountMet) => {
    const result = tallyVote({
      matter: 'propertyManager',
      total,
      participating: count(area, headcount),
      yes: count(0, 0),
    })
    expect(result.quorum).toEqual({
      met: areaMet && headcountMet,
      area: areaMet,
      headcount: headcountMet,
      areaNeeded: '200.48',
      headcountNeeded: 200,
    })
  })

  it('rounds what is needed up to the next 0.01 m² and the next owner', () => {
    const result = tallyVote({
      matter: 'propertyManager',
      total: count('100', 10),
      participating: count('66.66', 6),
      yes: count(0, 0),
    })
    expect(result.quorum).toMatchObject({ met: false, areaNeeded: '66.67', headcountNeeded: 7 })
  })
})

describe('ordinary matters: more than half of the participating area AND owners (过半数)', () => {
  const participating = count('200.48', 200)
  it.each([
    ['100.25', 101, true],
    ['100.24', 101, false], // exactly half the area is not more than half
    ['100.25', 100, false], // exactly half the owners
    ['200.48', 200, true],
  ])('%s m², %i owners yes → %s', (area, headcount, passed) => {
    const result = tallyVote({
      matter: 'useMaintenanceFund',
      total: count('300.72', 300),
      participating,
      yes: count(area, headcount),
    })
    expect(result.approval).toMatchObject({
      met: passed,
      areaNeeded: '100.25',
      headcountNeeded: 101,
    })
    expect(result.passed).toBe(passed)
  })
})

describe('items 6–8: at least 3/4 of the participating area AND owners', () => {
  // 8.10 / 10.80 is exactly 3/4, but floating-point division says it is less.
  const total = count('16.20', 12)
  const participating = count('10.80', 8)
  it.each([
    ['8.10', 6, true],
    ['8.09', 6, false],
    ['8.10', 5, false],
    ['10.80', 8, true],
  ])('%s m², %i owners yes → %s', (area, headcount, passed) => {
    const result = tallyVote({
      matter: 'rebuild',
      total,
      participating,
      yes: count(area, headcount),
    })
    expect(result.quorum.met).toBe(true)
    expect(result.approval).toMatchObject({ met: passed, areaNeeded: '8.10', headcountNeeded: 6 })
    expect(result.passed).toBe(passed)
  })
})

describe('a whole estate', () => {
  it('unanimous participants do not pass a vote without a quorum', () => {
    const result = tallyVote({
      matter: 'changeCommonParts',
      total: count('45210.37', 512),
      participating: count('30000.00', 400),
      yes: count('30000.00', 400),
    })
    expect(result.quorum).toMatchObject({ met: false, area: false, headcount: true })
    expect(result.quorum.areaNeeded).toBe('30140.25')
    expect(result.approval.met).toBe(true)
    expect(result.passed).toBe(false)
  })
})

describe('bad input is refused', () => {
  const valid = {
    matter: 'propertyManager' as const,
    total: count('100', 10),
    participating: count('80', 8),
    yes: count('50', 5),
  }
  it.each([
    ['three decimals', { total: count('100.001', 10) }],
    ['a float artefact', { total: count(0.1 + 0.2, 10) }],
    ['a negative area', { total: count(-1, 10) }],
    ['exponent notation', { total: count(1e21, 10) }],
    ['a fractional headcount', { total: count('100', 10.5) }],
    ['an empty estate', { total: count('0', 0), participating: count(0, 0), yes: count(0, 0) }],
    ['more participants than owners', { participating: count('80', 11) }],
    ['more participating area than area', { participating: count('100.01', 8) }],
    ['more yes than participants', { yes: count('80.01', 5) }],
    ['an unknown matter', { matter: 'other' }],
  ])('%s', (_label, patch) => {
    expect(() => tallyVote({ ...valid, ...patch } as typeof valid)).toThrow()
  })
})
