import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { z } from 'zod'
import type { ArchiveListing, BackupKind, BackupSettings } from '../../../shared/schemas/backup'
import type { ErrorCode } from '../../../shared/errors'
import { statusOf, type CoreContext } from '../context'
import type { CaseBase } from '../db/open'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { readArchive } from '../backup/archive'
import {
  ARCHIVE_NAME,
  archivePath,
  writeBackup,
  type BackupResult,
  type BackupSource,
} from '../backup/create'
import { checkFolder, folderReachable, tarFilesIn } from '../backup/folder'
import {
  completeRestore,
  discardVerified,
  stageRestore,
  verifyArchive,
  workDirOf,
} from '../backup/restore'
import { dailyBackupDue, pruneSelection } from '../backup/schedule'

type Kind = z.infer<typeof BackupKind>

const DAY_MS = 86_400_000
/** A failed scheduled backup is tried again after this long, not every minute. */
const RETRY_AFTER_MS = 60 * 60_000

export async function readBackupSettings(caseBase: CaseBase): Promise<BackupSettings> {
  const row = await caseBase.db.selectFrom('backupSettings').selectAll().executeTakeFirstOrThrow()
  return {
    folder: row.folder,
    dailyAt: row.dailyAt,
    onExit: row.onExit === 1,
    keepDaily: row.keepDaily,
    keepWeekly: row.keepWeekly,
    keepMonthly: row.keepMonthly,
    warnAfterDays: row.warnAfterDays,
  }
}

/**
 * A verified backup with its log entry. The entry is written first, as the success it will be,
 * so that the copy inside the archive records itself: a case base restored from it lists the
 * archive as verified. A failure turns the entry into a failed one; an entry left by a crash
 * names a file that never appeared, and `isGood` does not count it.
 */
export async function loggedBackup(
  source: BackupSource,
  folder: string,
  kind: Kind,
  at: Date,
): Promise<BackupResult> {
  const { db } = source.caseBase
  const file = archivePath(folder, at)
  const id = randomUUID()
  await db
    .insertInto('backupLog')
    .values({
      id,
      createdAt: at.toISOString(),
      kind,
      status: 'verified',
      folder,
      fileName: basename(file),
      size: null,
      ms: null,
      errorCode: null,
    })
    .execute()
  try {
    const result = writeBackup(source, folder, { now: at, file })
    await db
      .updateTable('backupLog')
      .set({ size: result.size, ms: result.ms })
      .where('id', '=', id)
      .execute()
    return result
  } catch (error) {
    const errorCode = error instanceof CoreError ? error.code : 'INTERNAL'
    await db
      .updateTable('backupLog')
      .set({ status: 'failed', fileName: null, errorCode })
      .where('id', '=', id)
      .execute()
    throw error
  }
}

/** A logged success whose file is there (the size is missing only in the archive's own copy). */
function isGood(row: {
  status: string
  folder: string
  fileName: string | null
  size: number | null
}) {
  if (row.status !== 'verified' || !row.fileName) return false
  return row.size !== null || existsSync(join(row.folder, row.fileName))
}

/**
 * A verified backup of the open case base into `folder` (the configured one by default),
 * logged either way. The function the benchmark uses too.
 */
export async function createBackup(
  ctx: CoreContext,
  folder?: string,
  kind: Kind = 'manual',
): Promise<BackupResult> {
  const caseBase = ctx.vault.caseBase()
  const target = folder ?? (await readBackupSettings(caseBase)).folder
  if (!target) throw new CoreError('BACKUP_NOT_CONFIGURED')
  const source = {
    caseBase,
    key: ctx.vault.key(),
    keyringFile: ctx.paths.keyring,
    workDir: workDirOf(ctx.paths),
  }
  return loggedBackup(source, target, kind, ctx.now())
}

/** Deletes automatic archives that retention no longer keeps: only our own, verified ones. */
async function prune(caseBase: CaseBase, settings: BackupSettings): Promise<void> {
  const folder = settings.folder
  if (!folder) return
  const rows = await caseBase.db
    .selectFrom('backupLog')
    .select(['fileName', 'createdAt', 'size'])
    .where('folder', '=', folder)
    .where('status', '=', 'verified')
    .where('kind', 'in', ['scheduled', 'exit'])
    .execute()
  const ours = rows.flatMap((row) => {
    if (!row.fileName || !ARCHIVE_NAME.test(row.fileName)) return []
    const file = join(folder, row.fileName)
    // Same name and size as logged: still the file we wrote and verified.
    if (!existsSync(file) || statSync(file).size !== row.size) return []
    return [{ name: row.fileName, createdAt: new Date(row.createdAt) }]
  })
  for (const name of pruneSelection(ours, settings)) rmSync(join(folder, name), { force: true })
}

async function lastAttempt(caseBase: CaseBase, kinds: Kind[]) {
  return caseBase.db
    .selectFrom('backupLog')
    .select(['createdAt', 'status', 'folder', 'fileName', 'size'])
    .where('kind', 'in', kinds)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The newest backup that succeeded and whose file exists: what the home-screen warning is about. */
async function lastGood(caseBase: CaseBase) {
  const rows = await caseBase.db
    .selectFrom('backupLog')
    .select(['createdAt', 'status', 'folder', 'fileName', 'size'])
    .where('status', '=', 'verified')
    .where('kind', '!=', 'safety')
    .orderBy('createdAt', 'desc')
    .limit(20)
    .execute()
  return rows.find(isGood)
}

/**
 * The core's scheduler calls this every minute: while a user has the case base open, the
 * daily backup runs once its time has passed. Failures are logged (the home screen warns)
 * and retried after an hour.
 */
export async function runScheduledBackup(ctx: CoreContext): Promise<void> {
  if (ctx.vault.mode !== 'user') return
  const caseBase = ctx.vault.caseBase()
  const settings = await readBackupSettings(caseBase)
  if (!settings.folder) return
  const now = ctx.now()
  const last = await lastAttempt(caseBase, ['scheduled'])
  const lastAt = last ? new Date(last.createdAt) : null
  // A success counts for the day; a failure (or an attempt cut off by a crash) for an hour.
  const counts =
    (last && isGood(last)) || (lastAt && now.getTime() - lastAt.getTime() < RETRY_AFTER_MS)
  if (!dailyBackupDue(settings.dailyAt, counts ? lastAt : null, now)) return
  await createBackup(ctx, settings.folder, 'scheduled').then(
    () => prune(caseBase, settings),
    () => undefined,
  )
}

/** On quitting, while a user has the case base open and the setting is on. */
export async function runExitBackup(ctx: CoreContext): Promise<void> {
  if (ctx.vault.mode !== 'user') return
  const caseBase = ctx.vault.caseBase()
  const settings = await readBackupSettings(caseBase)
  if (!settings.onExit || !settings.folder) return
  await createBackup(ctx, settings.folder, 'exit').then(
    () => prune(caseBase, settings),
    () => undefined,
  )
}

function listFolder(
  folder: string,
  verifiedNames: Map<string, { size: number | null; kind: Kind }>,
) {
  const listing: z.input<typeof ArchiveListing>[] = []
  for (const { name, size } of tarFilesIn(folder)) {
    try {
      const { manifest } = readArchive(join(folder, name), { full: false })
      const logged = verifiedNames.get(name)
      listing.push({
        name,
        size,
        state: logged && (logged.size === size || logged.size === null) ? 'verified' : 'unverified',
        createdAt: manifest.createdAt,
        organization: manifest.organization,
        kind: logged?.kind ?? null,
      })
    } catch (error) {
      // Other .tar files in the folder are not ours to judge.
      if (error instanceof CoreError && error.code === 'BACKUP_FOREIGN') continue
      listing.push({
        name,
        size,
        state: 'damaged',
        createdAt: null,
        organization: null,
        kind: null,
      })
    }
  }
  return listing
}

export const backupHandlers = {
  async 'backup.getSettings'(_input, ctx) {
    return readBackupSettings(ctx.vault.caseBase())
  },

  async 'backup.updateSettings'(patch, ctx) {
    if (patch.folder) checkFolder(patch.folder)
    const caseBase = ctx.vault.caseBase()
    await caseBase.db
      .updateTable('backupSettings')
      .set({
        folder: patch.folder,
        dailyAt: patch.dailyAt,
        onExit: patch.onExit === undefined ? undefined : patch.onExit ? 1 : 0,
        keepDaily: patch.keepDaily,
        keepWeekly: patch.keepWeekly,
        keepMonthly: patch.keepMonthly,
        warnAfterDays: patch.warnAfterDays,
      })
      .execute()
    return readBackupSettings(caseBase)
  },

  async 'backup.create'(_input, ctx) {
    const result = await createBackup(ctx)
    return {
      file: basename(result.file),
      createdAt: result.createdAt,
      size: result.size,
      ms: result.ms,
    }
  },

  async 'backup.list'(_input, ctx) {
    const caseBase = ctx.vault.caseBase()
    const settings = await readBackupSettings(caseBase)
    const log = await caseBase.db
      .selectFrom('backupLog')
      .select(['createdAt', 'kind', 'status', 'fileName as file', 'errorCode', 'folder', 'size'])
      .orderBy('createdAt', 'desc')
      .limit(200)
      .execute()
    const verified = new Map(
      log
        .filter((row) => row.status === 'verified' && row.folder === settings.folder && row.file)
        .map((row) => [row.file ?? '', { size: row.size, kind: row.kind }]),
    )
    const reachable = settings.folder ? folderReachable(settings.folder) : false
    return {
      folder: settings.folder,
      reachable,
      archives: reachable && settings.folder ? listFolder(settings.folder, verified) : [],
      log: log
        .slice(0, 20)
        .map((row) => ({ ...row, errorCode: row.errorCode as ErrorCode | null })),
    }
  },

  /** No dialogs in the core: the shell shows one once this access check has passed. */
  async 'backup.pickPath'() {
    return { path: null }
  },

  async 'backup.health'(_input, ctx) {
    const caseBase = ctx.vault.caseBase()
    const settings = await readBackupSettings(caseBase)
    const lastGoodAt = (await lastGood(caseBase))?.createdAt ?? null
    const warnAfterDays = settings.warnAfterDays
    const state = !settings.folder
      ? 'notConfigured'
      : !folderReachable(settings.folder)
        ? 'unreachable'
        : !lastGoodAt
          ? 'never'
          : ctx.now().getTime() - new Date(lastGoodAt).getTime() > warnAfterDays * DAY_MS
            ? 'stale'
            : 'ok'
    return { state, lastGoodAt, warnAfterDays }
  },

  async 'backup.inspect'({ file, secret }, ctx) {
    const verified = await verifyArchive(ctx.paths, file, secret)
    discardVerified(verified)
    return verified.preview
  },

  /**
   * Verify, save the current case base as a safety backup, stage both files, commit, close,
   * swap. The user then signs in with the restored keyring's credentials.
   */
  async 'backup.restore'({ file, secret }, ctx) {
    const verified = await verifyArchive(ctx.paths, file, secret)
    try {
      mkdirSync(ctx.paths.safetyDir, { recursive: true, mode: 0o700 })
      await createBackup(ctx, ctx.paths.safetyDir, 'safety')
      stageRestore(ctx.paths, verified)
    } catch (error) {
      discardVerified(verified)
      throw error
    }
    await ctx.vault.close()
    ctx.org = null
    completeRestore(ctx.paths)
    return statusOf(ctx)
  },
} satisfies Partial<Handlers>
