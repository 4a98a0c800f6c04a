import { describe, expect, it } from 'vitest'
import { officialCalendar } from '../../../src/shared/domain/holidays'
import { periodDue, type Period } from '../../../src/shared/domain/period'

const calendar = officialCalendar()
const due = (period: Period) => periodDue(period, calendar)

describe('periods in days: the event day is not counted (Civil Code Art. 201)', () => {
  it('15 days from 2026-09-28 run through National Day and end on Tuesday 13 October', () => {
    // Holidays inside a period count like any other day; only the last day matters.
    expect(due({ unit: 'days', start: '2026-09-28', length: 15 })).toEqual({
      due: '2026-10-13',
      breakdown: {
        countFrom: '2026-09-29',
        length: 15,
        extension: 0,
        nominalEnd: '2026-10-13',
        pausedDays: 0,
        movedFrom: null,
        uncoveredYears: [],
      },
    })
  })

  it.each([
    // event, length, due, moved from — each worked by hand against the 2025/2026 notices
    ['2026-09-20', 15, '2026-10-08', '2026-10-05'], // ends in the National Day break (Art. 203)
    ['2026-02-13', 30, '2026-03-16', '2026-03-15'], // ends on a Sunday: Monday
    ['2026-02-12', 30, '2026-03-16', '2026-03-14'], // ends on a Saturday: Monday
    ['2026-09-30', 10, '2026-10-10', null], // ends on a 调休 Saturday: a working day, no move
    ['2026-02-08', 7, '2026-02-24', '2026-02-15'], // Spring Festival: first day after the break
    ['2025-09-25', 10, '2025-10-09', '2025-10-05'], // 2025 National Day + Mid-Autumn, 8 days
    ['2026-03-02', 0, '2026-03-02', null], // a zero-day period ends on the event day
    ['2026-03-07', 0, '2026-03-09', '2026-03-07'],
    ['2026-12-30', 1, '2026-12-31', null],
  ])('%s + %i days → %s (moved from %s)', (start, length, expected, movedFrom) => {
    const result = due({ unit: 'days', start, length })
    expect(result.due).toBe(expected)
    expect(result.breakdown.movedFrom).toBe(movedFrom)
  })

  it('flags years without holiday data instead of guessing', () => {
    const result = due({ unit: 'days', start: '2026-12-20', length: 15 })
    expect(result.due).toBe('2027-01-04')
    expect(result.breakdown.uncoveredYears).toEqual([2027])
  })
})

describe('periods in months and years end on the corresponding day (Art. 202)', () => {
  it.each([
    ['2026-01-31', 'months', 1, '2026-02-28', null], // no 31 February; the 28th is a 调休 Saturday
    ['2025-01-31', 'months', 1, '2025-02-28', null], // Friday
    ['2028-01-31', 'months', 1, '2028-02-29', null], // leap year
    ['2026-01-15', 'months', 1, '2026-02-24', '2026-02-15'], // 15 February: Spring Festival
    ['2026-03-31', 'months', 6, '2026-09-30', null],
    ['2026-04-04', 'months', 6, '2026-10-08', '2026-10-04'],
    ['2024-02-29', 'years', 1, '2025-02-28', null],
    ['2025-10-11', 'years', 1, '2026-10-12', '2026-10-11'], // Sunday after a 调休 Saturday
  ] as const)('%s + %s × %i → %s', (start, unit, length, expected, movedFrom) => {
    const result = due({ unit, start, length })
    expect(result.due).toBe(expected)
    expect(result.breakdown.movedFrom).toBe(movedFrom)
  })
})

describe('periods in working days (工作日)', () => {
  it('15 working days from Monday 9 February 2026 skip Spring Festival and count both 调休 Saturdays', () => {
    // 10 Tue 1 · 11 Wed 2 · 12 Thu 3 · 13 Fri 4 · 14 Sat (调休) 5 · 15–23 Spring Festival ·
    // 24 Tue 6 · 25 7 · 26 8 · 27 9 · 28 Sat (调休) 10 · 1 Mar Sun · 2 Mon 11 … 6 Fri 15
    const result = due({ unit: 'workingDays', start: '2026-02-09', length: 15 })
    expect(result.due).toBe('2026-03-06')
    expect(result.breakdown.nominalEnd).toBe('2026-03-06')
    expect(result.breakdown.movedFrom).toBeNull()
  })

  it.each([
    ['2026-09-30', 1, '2026-10-08'], // Wednesday before National Day
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'], // the 调休 Saturday counts
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-09-18', 1, '2026-09-20'], // Friday → the 调休 Sunday
    ['2025-12-31', 1, '2026-01-04'], // 1–3 January off, Sunday 4 January is a 调休 working day
  ])('%s + %i working days → %s', (start, length, expected) => {
    expect(due({ unit: 'workingDays', start, length }).due).toBe(expected)
  })
})

describe('hours (Art. 201(2): counted from the stated time)', () => {
  it('72 hours run through nights and holidays to the minute', () => {
    const result = due({ unit: 'hours', start: '2026-09-30T16:20', length: 72 })
    expect(result.due).toBe('2026-10-03T16:20')
    expect(result.breakdown.countFrom).toBe('2026-09-30T16:20')
    expect(result.breakdown.movedFrom).toBeNull()
  })

  it('24 hours across a month end', () => {
    expect(due({ unit: 'hours', start: '2026-02-28T23:00', length: 24 }).due).toBe(
      '2026-03-01T23:00',
    )
  })
})

describe('pauses (中止): the paused days do not count', () => {
  const reason = 'test'

  it('a 5-day pause moves a 30-day period 5 days', () => {
    const result = due({
      unit: 'days',
      start: '2026-05-11',
      length: 30,
      pauses: [{ from: '2026-05-20', to: '2026-05-24', reason }],
    })
    expect(result.due).toBe('2026-06-15')
    expect(result.breakdown).toMatchObject({ nominalEnd: '2026-06-10', pausedDays: 5 })
  })

  it('then Art. 203 still applies to the new last day', () => {
    // 2026-03-02 + 30 = 1 April; + 5 paused = 6 April, the last day of Qingming → Tuesday 7 April.
    const result = due({
      unit: 'days',
      start: '2026-03-02',
      length: 30,
      pauses: [{ from: '2026-03-10', to: '2026-03-14', reason }],
    })
    expect(result.due).toBe('2026-04-07')
    expect(result.breakdown).toMatchObject({ pausedDays: 5, movedFrom: '2026-04-06' })
  })

  it.each([
    // pauses, paused days, due — for 10 days from 2026-03-02 (nominal end Thursday 12 March)
    [[['2026-02-25', '2026-03-04']], 2, '2026-03-16'], // only 3–4 March fall inside the period
    [[['2026-03-13', '2026-03-20']], 0, '2026-03-12'], // after the end: no effect
    [[['2026-03-12', '2026-03-12']], 1, '2026-03-13'], // the last day itself paused
    [
      [
        ['2026-03-05', '2026-03-08'],
        ['2026-03-07', '2026-03-10'],
      ],
      6,
      '2026-03-18',
    ], // overlap merged
    [
      [
        ['2026-03-05', '2026-03-06'],
        ['2026-03-13', '2026-03-14'],
      ],
      4,
      '2026-03-16',
    ], // second pulled in by the first
  ])('%j → %i paused, due %s', (ranges, pausedDays, expected) => {
    const pauses = ranges.map(([from, to]) => ({ from: from ?? '', to: to ?? '', reason }))
    const result = due({ unit: 'days', start: '2026-03-02', length: 10, pauses })
    expect(result.breakdown.pausedDays).toBe(pausedDays)
    expect(result.due).toBe(expected)
  })

  it('in a working-day period the paused working days are skipped', () => {
    const result = due({
      unit: 'workingDays',
      start: '2026-03-02',
      length: 5,
      pauses: [{ from: '2026-03-04', to: '2026-03-08', reason }],
    })
    // 3 Tue 1 · 4, 5 paused · 6 paused · 7–8 weekend · 9 Mon 2 · 10 3 · 11 4 · 12 5
    expect(result.due).toBe('2026-03-12')
    expect(result.breakdown).toMatchObject({ nominalEnd: '2026-03-09', pausedDays: 3 })
  })

  it('a month period is paused in calendar days after the corresponding day', () => {
    const result = due({
      unit: 'months',
      start: '2026-01-31',
      length: 1,
      pauses: [{ from: '2026-02-02', to: '2026-02-03', reason }],
    })
    expect(result.due).toBe('2026-03-02')
  })
})

describe('extensions (延长) with approver and reason', () => {
  const extension = { length: 30, approvedBy: 'u-supervisor', reason: '情况复杂' }

  it('petition handling: 60 days from 5 January 2026, extended by 30 (信访工作条例 Art. 34)', () => {
    expect(due({ unit: 'days', start: '2026-01-05', length: 60 }).due).toBe('2026-03-06')
    // 90 days → Sunday 5 April (Qingming, 4–6 April) → Tuesday 7 April.
    const result = due({ unit: 'days', start: '2026-01-05', length: 60, extensions: [extension] })
    expect(result).toEqual({
      due: '2026-04-07',
      breakdown: {
        countFrom: '2026-01-06',
        length: 60,
        extension: 30,
        nominalEnd: '2026-04-05',
        pausedDays: 0,
        movedFrom: '2026-04-05',
        uncoveredYears: [],
      },
    })
  })

  it('extensions add up, in the period unit', () => {
    const two = [
      { ...extension, length: 2 },
      { ...extension, length: 1 },
    ]
    expect(due({ unit: 'months', start: '2026-01-31', length: 3, extensions: two }).due).toBe(
      '2026-07-31',
    )
    expect(due({ unit: 'hours', start: '2026-03-02T09:00', length: 24, extensions: two }).due).toBe(
      '2026-03-03T12:00',
    )
  })

  it('an extension can bring a later pause inside the period', () => {
    const result = due({
      unit: 'days',
      start: '2026-03-02',
      length: 10,
      extensions: [{ ...extension, length: 5 }],
      pauses: [{ from: '2026-03-14', to: '2026-03-15', reason: 'r' }],
    })
    expect(result.due).toBe('2026-03-19')
  })
})

describe("counting back from a future event ('before')", () => {
  it.each([
    // committee term ends Sat 31 Oct 2026; 5 months before = Sun 31 May → Fri 29 May
    ['2026-10-31', 'months', 5, '2026-05-29', '2026-05-31'],
    // contract expires 31 Dec 2026; 90 days before = 2 Oct (National Day) → Wed 30 Sep
    ['2026-12-31', 'days', 90, '2026-09-30', '2026-10-02'],
    ['2026-12-15', 'days', 90, '2026-09-16', null],
    ['2026-10-12', 'workingDays', 2, '2026-10-09', null], // Mon → Sat 10 (调休) is 1, Fri 9 is 2
  ] as const)('%s − %s × %i → %s', (start, unit, length, expected, movedFrom) => {
    const result = due({ unit, start, length, direction: 'before' })
    expect(result.due).toBe(expected)
    expect(result.breakdown.movedFrom).toBe(movedFrom)
  })
})

describe('bad input is refused', () => {
  const reason = 'r'
  it.each<[string, Period]>([
    [
      'a pause ending before it starts',
      {
        unit: 'days',
        start: '2026-03-02',
        length: 10,
        pauses: [{ from: '2026-03-05', to: '2026-03-04', reason }],
      },
    ],
    [
      'a pause without a reason',
      {
        unit: 'days',
        start: '2026-03-02',
        length: 10,
        pauses: [{ from: '2026-03-04', to: '2026-03-05', reason: ' ' }],
      },
    ],
    [
      'an extension without an approver',
      {
        unit: 'days',
        start: '2026-03-02',
        length: 10,
        extensions: [{ length: 5, approvedBy: '', reason }],
      },
    ],
    [
      'a pause on a date counted back',
      {
        unit: 'days',
        start: '2026-03-02',
        length: 10,
        direction: 'before',
        pauses: [{ from: '2026-02-24', to: '2026-02-25', reason }],
      },
    ],
    ['an impossible date', { unit: 'days', start: '2026-02-30', length: 10 }],
    ['a date for an hour period', { unit: 'hours', start: '2026-03-02', length: 10 }],
    ['a negative length', { unit: 'days', start: '2026-03-02', length: -1 }],
    ['a fractional length', { unit: 'months', start: '2026-03-02', length: 1.5 }],
  ])('%s', (_label, period) => {
    expect(() => due(period)).toThrow()
  })
})
