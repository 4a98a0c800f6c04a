import { z } from 'zod'
import { ErrorCode } from '../errors'

/**
 * Backups (issue 5): where archives go, when the scheduled one runs, how many are kept, and
 * what the administrator sees of an archive before restoring it.
 */

/** An absolute path typed or picked by an administrator; the core checks it exists. */
export const LocalPath = z.string().trim().min(1).max(1024)

/** Wall-clock time of the daily backup in China time, e.g. '12:30'. */
export const DailyTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time')

export const BackupSettings = z.object({
  folder: LocalPath.nullable(),
  /** null: no daily backup. */
  dailyAt: DailyTime.nullable(),
  onExit: z.boolean(),
  keepDaily: z.int().min(1).max(60),
  keepWeekly: z.int().min(0).max(52),
  keepMonthly: z.int().min(0).max(120),
  warnAfterDays: z.int().min(1).max(90),
})
export type BackupSettings = z.infer<typeof BackupSettings>

export const BackupSettingsPatch = BackupSettings.partial().refine(
  (patch) => Object.keys(patch).length > 0,
  { message: 'empty' },
)

export const BackupKind = z.enum(['manual', 'scheduled', 'exit', 'safety', 'cli'])

export const BackupDone = z.object({
  file: z.string(),
  createdAt: z.string(),
  size: z.int(),
  ms: z.int(),
})

export const ArchiveState = z.enum(['verified', 'unverified', 'damaged'])

/** One archive file in the backup folder. Damaged and foreign files carry no details. */
export const ArchiveListing = z.object({
  name: z.string(),
  size: z.int(),
  state: ArchiveState,
  createdAt: z.string().nullable(),
  organization: z.string().nullable(),
  kind: BackupKind.nullable(),
})

export const BackupLogEntry = z.object({
  createdAt: z.string(),
  kind: BackupKind,
  status: z.enum(['verified', 'failed']),
  file: z.string().nullable(),
  errorCode: ErrorCode.nullable(),
})

/** Shown on every page: is the last good backup recent, and can the folder be reached? */
export const BackupHealth = z.object({
  state: z.enum(['ok', 'notConfigured', 'never', 'stale', 'unreachable']),
  lastGoodAt: z.string().nullable(),
  warnAfterDays: z.int(),
})

/** What opens an archive: a user's login and password, or the organization's recovery code. */
export const ArchiveSecret = z.union([
  z.object({ login: z.string().trim().toLowerCase().max(64), password: z.string().max(256) }),
  z.object({ recoveryCode: z.string().max(128) }),
])
export type ArchiveSecret = z.infer<typeof ArchiveSecret>

export const ArchivePreview = z.object({
  file: z.string(),
  organization: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.int(),
  /** Rows per table, from the verified copy. */
  tables: z.record(z.string(), z.int()),
})
export type ArchivePreview = z.infer<typeof ArchivePreview>
