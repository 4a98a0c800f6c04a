import { todayInChina, weekday, addDays } from '../../../shared/domain/iso-date'

const CHINA_OFFSET_MS = 8 * 3_600_000

/** 'HH:MM' in China time. */
export function timeInChina(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(11, 16)
}

/**
 * The daily backup is due once the set time has passed today (China time) and no scheduled
 * backup has succeeded since that time today. A PC switched on after the time catches up.
 */
export function dailyBackupDue(dailyAt: string | null, lastScheduled: Date | null, now: Date) {
  if (!dailyAt || timeInChina(now) < dailyAt) return false
  if (!lastScheduled) return true
  const today = todayInChina(now)
  return todayInChina(lastScheduled) !== today || timeInChina(lastScheduled) < dailyAt
}

export interface Retention {
  keepDaily: number
  keepWeekly: number
  keepMonthly: number
}

/**
 * Grandfather-father-son: going from the newest archive back, keep the newest of each of the
 * last `keepDaily` days, `keepWeekly` ISO weeks (Monday first) and `keepMonthly` months that
 * have one. Days and weeks are China dates. Returns the names to delete; the newest is never
 * among them.
 */
export function pruneSelection(
  archives: readonly { name: string; createdAt: Date }[],
  retention: Retention,
): string[] {
  const newestFirst = [...archives].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
  const buckets = [
    { limit: retention.keepDaily, key: (day: string) => day, seen: new Set<string>() },
    { limit: retention.keepWeekly, key: weekOf, seen: new Set<string>() },
    {
      limit: retention.keepMonthly,
      key: (day: string) => day.slice(0, 7),
      seen: new Set<string>(),
    },
  ]
  const doomed: string[] = []
  newestFirst.forEach((archive, index) => {
    const day = todayInChina(archive.createdAt)
    let keep = index === 0
    for (const bucket of buckets) {
      const key = bucket.key(day)
      if (bucket.seen.has(key) || bucket.seen.size >= bucket.limit) continue
      bucket.seen.add(key)
      keep = true
    }
    if (!keep) doomed.push(archive.name)
  })
  return doomed
}

/** The Monday that starts the week of `day`. */
function weekOf(day: string): string {
  return addDays(day, -((weekday(day) + 6) % 7))
}
