import { describe, expect, it } from 'vitest'
import {
  IsoDate,
  IsoDateTime,
  addDays,
  addHours,
  addMonths,
  daysBetween,
  parseDay,
  todayInChina,
  weekday,
} from '../../../src/shared/domain/iso-date'

describe('IsoDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2000-02-29', true], // divisible by 400: leap
    ['1900-02-29', false], // divisible by 100 only: not leap
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-5', false],
    ['2026-01-05T00:00', false],
    ['２０２６-01-05', false],
    ['', false],
  ])('%s → %s', (text, valid) => {
    expect(IsoDate.safeParse(text).success).toBe(valid)
    expect(parseDay(text) !== undefined).toBe(valid)
  })
})

describe('IsoDateTime', () => {
  it.each([
    ['2026-03-02T15:30', true],
    ['2026-03-02T00:00', true],
    ['2026-03-02T24:00', false],
    ['2026-03-02T12:60', false],
    ['2026-02-30T12:00', false],
    ['2026-03-02 15:30', false],
    ['2026-03-02T15:30:00', false],
  ])('%s → %s', (text, valid) => {
    expect(IsoDateTime.safeParse(text).success).toBe(valid)
  })
})

describe('date arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-10-31', -5, '2026-05-31'],
    ['2026-07-31', -5, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected)
  })

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-09-28', '2026-10-13')).toBe(15)
  })

  it('adds hours on the wall clock, across midnight and month ends', () => {
    expect(addHours('2026-03-02T15:30', 72)).toBe('2026-03-05T15:30')
    expect(addHours('2026-02-28T23:00', 24)).toBe('2026-03-01T23:00')
    expect(addHours('2026-03-02T15:30', 0)).toBe('2026-03-02T15:30')
  })

  it('knows the weekday (0 = Sunday)', () => {
    expect(weekday('2026-10-01')).toBe(4)
    expect(weekday('2026-10-04')).toBe(0)
    expect(weekday('2026-10-10')).toBe(6)
  })

  it("takes today's date in China, not in the PC's time zone", () => {
    expect(todayInChina(new Date('2026-05-01T15:59:59Z'))).toBe('2026-05-01')
    expect(todayInChina(new Date('2026-05-01T16:00:00Z'))).toBe('2026-05-02')
  })
})
