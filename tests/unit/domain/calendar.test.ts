import { describe, expect, it } from 'vitest'
import { HolidayYear, createCalendar } from '../../../src/shared/domain/calendar'
import { SHIPPED_HOLIDAY_YEARS, officialCalendar } from '../../../src/shared/domain/holidays'

const calendar = officialCalendar()

describe('shipped holiday data (国务院办公厅 notices for 2025 and 2026)', () => {
  it('loads both years, verified against the published notices', () => {
    expect(SHIPPED_HOLIDAY_YEARS.map((y) => [y.year, y.verified])).toEqual([
      [2025, true],
      [2026, true],
    ])
  })

  // The number of days off per break, as each notice states it (共 n 天).
  it.each([
    [2025, 'newYearsDay', 1],
    [2025, 'springFestival', 8],
    [2025, 'qingmingFestival', 3],
    [2025, 'labourDay', 5],
    [2025, 'dragonBoatFestival', 3],
    [2025, 'nationalDayAndMidAutumn', 8],
    [2026, 'newYearsDay', 3],
    [2026, 'springFestival', 9],
    [2026, 'qingmingFestival', 3],
    [2026, 'labourDay', 5],
    [2026, 'dragonBoatFestival', 3],
    [2026, 'midAutumnFestival', 3],
    [2026, 'nationalDay', 7],
  ])('%i %s lasts %i days, on consecutive dates', (year, name, days) => {
    const holiday = SHIPPED_HOLIDAY_YEARS.find((y) => y.year === year)?.holidays.find(
      (h) => h.name === name,
    )
    expect(holiday?.days).toHaveLength(days)
    const dates = holiday?.days.map((d) => Date.parse(d)) ?? []
    dates.slice(1).forEach((d, i) => expect(d - (dates[i] ?? 0)).toBe(86_400_000))
  })
})

describe('isWorkingDay / isHoliday / isAdjustedWorkday', () => {
  it.each([
    // date, working, holiday, adjusted workday
    ['2026-10-01', false, true, false], // National Day, Thursday
    ['2026-10-07', false, true, false], // last day of the break, Wednesday
    ['2026-10-08', true, false, false], // back to work
    ['2026-10-10', true, false, true], // 调休: Saturday worked
    ['2026-10-11', false, false, false], // ordinary Sunday
    ['2026-09-20', true, false, true], // 调休: Sunday worked
    ['2026-09-25', false, true, false], // Mid-Autumn, Friday
    ['2026-02-14', true, false, true], // Saturday before Spring Festival, worked
    ['2026-02-15', false, true, false], // Spring Festival starts (Sunday, 腊月二十八)
    ['2026-02-23', false, true, false], // Monday, 正月初七
    ['2026-02-24', true, false, false],
    ['2026-02-28', true, false, true], // Saturday after Spring Festival, worked
    ['2026-01-04', true, false, true],
    ['2026-05-09', true, false, true],
    ['2026-06-19', false, true, false], // Dragon Boat, Friday
    ['2026-03-04', true, false, false], // ordinary Wednesday
    ['2026-03-07', false, false, false], // ordinary Saturday
    ['2025-01-26', true, false, true],
    ['2025-01-28', false, true, false], // 除夕, added as a holiday from 2025
    ['2025-02-08', true, false, true],
    ['2025-04-27', true, false, true],
    ['2025-10-08', false, true, false],
    ['2025-10-11', true, false, true],
  ])('%s: working %s, holiday %s, 调休 %s', (date, working, holiday, adjusted) => {
    expect(calendar.isWorkingDay(date)).toBe(working)
    expect(calendar.isHoliday(date)).toBe(holiday)
    expect(calendar.isAdjustedWorkday(date)).toBe(adjusted)
  })

  it('names the holiday a day belongs to', () => {
    expect(calendar.holidayName('2026-02-18')).toBe('springFestival')
    expect(calendar.holidayName('2025-10-06')).toBe('nationalDayAndMidAutumn')
    expect(calendar.holidayName('2026-03-04')).toBeUndefined()
  })

  it('without a notice for the year only weekends are rest days, and it says so', () => {
    expect(calendar.covers(2026)).toBe(true)
    expect(calendar.covers(2027)).toBe(false)
    expect(calendar.isWorkingDay('2027-10-01')).toBe(true) // a Friday: unknown until announced
    expect(calendar.isWorkingDay('2027-10-02')).toBe(false)
  })
})

describe('administrator data and overrides', () => {
  const cn2027 = HolidayYear.parse({
    year: 2027,
    version: 1,
    source: 'test fixture, not the real 2027 notice',
    verified: false,
    holidays: [{ name: 'nationalDay', days: ['2027-10-01', '2027-10-04'] }],
    workdays: ['2027-09-26'],
  })

  it('an imported year adds coverage', () => {
    const withAdmin = officialCalendar([cn2027])
    expect(withAdmin.covers(2027)).toBe(true)
    expect(withAdmin.isWorkingDay('2027-10-01')).toBe(false)
    expect(withAdmin.isWorkingDay('2027-09-26')).toBe(true)
  })

  it('a later file for the same year replaces the earlier one entirely', () => {
    const corrected = HolidayYear.parse({ ...cn2027, version: 2, holidays: [], workdays: [] })
    const cal = createCalendar([cn2027, corrected])
    expect(cal.isWorkingDay('2027-10-01')).toBe(true)
    expect(cal.isWorkingDay('2027-09-26')).toBe(false)
  })

  it('day overrides apply last: add a holiday, cancel one, cancel a 调休, make a day ordinary', () => {
    const cal = officialCalendar(
      [],
      [
        { date: '2026-03-04', kind: 'holiday', reason: 'test' },
        { date: '2026-10-01', kind: 'workday', reason: 'test' },
        { date: '2026-10-10', kind: 'ordinary', reason: 'test' },
        { date: '2026-06-01', kind: 'holiday', name: 'childrensDay', reason: 'test' },
      ],
    )
    expect(cal.isWorkingDay('2026-03-04')).toBe(false)
    expect(cal.holidayName('2026-03-04')).toBe('adminHoliday')
    expect(cal.isWorkingDay('2026-10-01')).toBe(true)
    expect(cal.isHoliday('2026-10-01')).toBe(false)
    expect(cal.isWorkingDay('2026-10-10')).toBe(false) // back to an ordinary Saturday
    expect(cal.isAdjustedWorkday('2026-10-10')).toBe(false)
    expect(cal.holidayName('2026-06-01')).toBe('childrensDay')
    // The shipped calendar is untouched.
    expect(calendar.isWorkingDay('2026-03-04')).toBe(true)
  })

  it.each([
    ['a weekday listed as a 调休 workday', { workdays: ['2026-10-09'] }],
    [
      'a date listed twice',
      { workdays: ['2026-10-10'], holidays: [{ name: 'x', days: ['2026-10-10'] }] },
    ],
    ['a date two years away', { holidays: [{ name: 'x', days: ['2028-01-01'] }] }],
    ['an impossible date', { holidays: [{ name: 'x', days: ['2026-02-30'] }] }],
    ['a display string as a name', { holidays: [{ name: '国庆节', days: ['2026-10-01'] }] }],
  ])('refuses data with %s', (_label, patch) => {
    const base = { year: 2026, version: 1, source: 's', verified: true, holidays: [], workdays: [] }
    expect(HolidayYear.safeParse({ ...base, ...patch }).success).toBe(false)
  })

  it('accepts a New Year break that starts on 31 December of the year before', () => {
    const data = {
      year: 2023,
      version: 1,
      source: 's',
      verified: true,
      holidays: [{ name: 'newYearsDay', days: ['2022-12-31', '2023-01-01', '2023-01-02'] }],
      workdays: [],
    }
    expect(HolidayYear.safeParse(data).success).toBe(true)
  })
})
