import cn2025 from '../../../resources/holidays/cn-2025.json'
import cn2026 from '../../../resources/holidays/cn-2026.json'
import { HolidayYear, createCalendar, type Calendar, type DayOverride } from './calendar'

/** Parsed at load, so a malformed data file fails the unit tests instead of a deadline. */
export const SHIPPED_HOLIDAY_YEARS: readonly HolidayYear[] = [cn2025, cn2026].map((data) =>
  HolidayYear.parse(data),
)

/** The shipped years, then an administrator's imported years and day overrides on top. */
export function officialCalendar(
  adminYears: readonly HolidayYear[] = [],
  overrides: readonly DayOverride[] = [],
): Calendar {
  return createCalendar([...SHIPPED_HOLIDAY_YEARS, ...adminYears], overrides)
}
