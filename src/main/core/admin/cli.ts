import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { i18n } from 'i18next'
import { createI18n } from '../../../shared/i18n'
import { normalizeRecoveryCode } from '../../../shared/recovery-code'
import type { ArchiveSecret } from '../../../shared/schemas/backup'
import { readArchive } from '../backup/archive'
import { writeBackup } from '../backup/create'
import { tarFilesIn } from '../backup/folder'
import {
  completeRestore,
  discardVerified,
  stageRestore,
  verifyArchive,
  workDirOf,
} from '../backup/restore'
import { caseBaseKeyCandidates, readKeyring, recoverySlot, userSlot } from '../db/keyring'
import { openCaseBase, type CaseBase } from '../db/open'
import { CoreError } from '../errors'
import { casePaths, type CasePaths } from '../paths'
import { loadPreferences } from '../preferences'
import { loggedBackup, readBackupSettings } from '../services/backup'

/**
 * The administrator's command line (issue 5 item 4): backup, verify, restore and list without
 * a window, for IT staff and Windows Task Scheduler. Run as `npm run admin -- <command>` in
 * development and as `Concord.exe admin <command>` from the installed app (the shell hands
 * over before it creates any window). Passwords never come from the arguments: an interactive
 * prompt with echo off, or --password-file (`-` reads standard input).
 *
 * Exit codes: 0 done, 1 refused or failed (the message says why), 2 wrong usage,
 * 3 wrong password or recovery code.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, credentials: 3 } as const

export interface AdminIo {
  out(line: string): void
  err(line: string): void
  /** Reads a secret without echoing it (a terminal), or fails when there is no terminal. */
  promptSecret(prompt: string): Promise<string>
  readStdin(): Promise<string>
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  now?: () => Date
}

/**
 * The command line's arguments when the app was started as `Concord.exe admin …` (packaged:
 * argv is [exe, 'admin', …]; development: [electron, '.', 'admin', …]), else null.
 */
export function adminArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('admin')
  return at === 1 || at === 2 ? argv.slice(at + 1) : null
}

/** The data folder the app uses (README: "where the data lives"), without Electron. */
export function defaultDataDir(env: AdminIo['env'], platform: NodeJS.Platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? '.'
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'))
  return join(appData, 'Concord', 'casebase')
}

const OPTIONS = {
  data: { type: 'string' },
  to: { type: 'string' },
  login: { type: 'string' },
  recovery: { type: 'boolean' },
  'password-file': { type: 'string' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

class UsageError extends Error {}

export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  let t: i18n['t'] = createI18n().t
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    })
    const dataDir = resolve(values.data ?? defaultDataDir(io.env, io.platform))
    const paths = casePaths(dataDir)
    t = createI18n(loadPreferences(paths.preferences).language).t
    const [command, target, ...rest] = positionals
    if (values.help || !command) {
      io.out(t('backup.cli.usage'))
      return command || values.help ? EXIT.ok : EXIT.usage
    }
    if (rest.length > 0) throw new UsageError()
    const now = io.now ?? (() => new Date())
    const secret = () => readSecret(values, io, t)
    switch (command) {
      case 'backup':
        return await backup(paths, values.to ?? target, secret, io, t, now)
      case 'verify':
        return await verify(paths, target, values, secret, io, t)
      case 'restore':
        return await restore(paths, target, values.yes === true, secret, io, t, now)
      case 'list':
        return list(target ?? values.to, io, t)
      default:
        throw new UsageError()
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(t('backup.cli.usage'))
      return EXIT.usage
    }
    const code = error instanceof CoreError ? error.code : 'INTERNAL'
    io.err(t(`errors.${code}`, error instanceof CoreError ? (error.params ?? {}) : {}))
    return code === 'WRONG_CREDENTIALS' ? EXIT.credentials : EXIT.failed
  }
}

type Values = { login?: string; recovery?: boolean; 'password-file'?: string }

async function readSecret(values: Values, io: AdminIo, t: i18n['t']): Promise<ArchiveSecret> {
  if (!values.recovery && !values.login) throw new UsageError()
  const file = values['password-file']
  const prompt = values.recovery ? t('backup.cli.promptRecovery') : t('backup.cli.promptPassword')
  const text =
    file === '-'
      ? await io.readStdin()
      : file
        ? readFileSync(file, 'utf8')
        : await io.promptSecret(prompt)
  // A password file ends with the newline editors add; the password itself never does.
  const typed = text.replace(/\r?\n$/, '')
  return values.recovery
    ? { recoveryCode: typed }
    : { login: (values.login ?? '').trim().toLowerCase(), password: typed }
}

/** Opens the installed case base with the secret, as unlocking does. */
async function openInstalled(paths: CasePaths, secret: ArchiveSecret) {
  if (!existsSync(paths.caseBase)) throw new CoreError('CASEBASE_MISSING')
  const keyring = readKeyring(paths.keyring)
  const slot = 'recoveryCode' in secret ? recoverySlot(keyring) : userSlot(keyring, secret.login)
  const text =
    'recoveryCode' in secret ? normalizeRecoveryCode(secret.recoveryCode) : secret.password
  const candidates = slot ? await caseBaseKeyCandidates(keyring, slot, text) : null
  if (!candidates) throw new CoreError('WRONG_CREDENTIALS')
  for (const { key } of candidates) {
    try {
      return { caseBase: openCaseBase(paths.caseBase, key, { create: false }), key }
    } catch {
      key.fill(0)
    }
  }
  throw new CoreError('CASEBASE_WRONG_KEY')
}

async function withInstalled<T>(
  paths: CasePaths,
  secret: ArchiveSecret,
  work: (opened: { caseBase: CaseBase; key: Buffer }) => Promise<T> | T,
): Promise<T> {
  const opened = await openInstalled(paths, secret)
  try {
    return await work(opened)
  } finally {
    await opened.caseBase.close()
    opened.key.fill(0)
  }
}

async function backup(
  paths: CasePaths,
  folder: string | undefined,
  secret: () => Promise<ArchiveSecret>,
  io: AdminIo,
  t: i18n['t'],
  now: () => Date,
): Promise<number> {
  // No completeRestore here: the app may be running and in the middle of its own restore.
  const credentials = await secret()
  const result = await withInstalled(paths, credentials, async ({ caseBase, key }) => {
    // A case base not yet upgraded to backup settings (the app updated, not yet opened) has
    // neither a configured folder nor a log; the CLI never migrates it behind the app's back.
    const configured = await readBackupSettings(caseBase).catch(() => null)
    const target = folder ?? configured?.folder
    if (!target) throw new CoreError('BACKUP_NOT_CONFIGURED')
    const source = { caseBase, key, keyringFile: paths.keyring, workDir: workDirOf(paths) }
    return configured
      ? loggedBackup(source, resolve(target), 'cli', now())
      : writeBackup(source, resolve(target), { now: now() })
  })
  io.out(t('backup.cli.created', { file: result.file, ms: result.ms }))
  return EXIT.ok
}

async function verify(
  paths: CasePaths,
  file: string | undefined,
  values: Values,
  secret: () => Promise<ArchiveSecret>,
  io: AdminIo,
  t: i18n['t'],
): Promise<number> {
  if (!file) throw new UsageError()
  const path = resolve(file)
  if (!values.login && !values.recovery) {
    // Without a secret: layout and every SHA-256, not the database inside.
    const { manifest } = readArchive(path, { full: true })
    io.out(
      t('backup.cli.intact', {
        organization: manifest.organization,
        createdAt: manifest.createdAt,
      }),
    )
    return EXIT.ok
  }
  const verified = await verifyArchive(paths, path, await secret())
  discardVerified(verified)
  io.out(describe(verified.preview, t))
  return EXIT.ok
}

function describe(
  preview: { organization: string; createdAt: string; tables: Record<string, number> },
  t: i18n['t'],
): string {
  return t('backup.cli.verified', {
    organization: preview.organization,
    createdAt: preview.createdAt,
    cases: preview.tables.case ?? 0,
    parties: preview.tables.party ?? 0,
    users: preview.tables.user ?? 0,
  })
}

async function restore(
  paths: CasePaths,
  file: string | undefined,
  confirmed: boolean,
  secret: () => Promise<ArchiveSecret>,
  io: AdminIo,
  t: i18n['t'],
  now: () => Date,
): Promise<number> {
  if (!file) throw new UsageError()
  // While the app has the case base open its write-ahead log exists: never swap under it.
  if (existsSync(`${paths.caseBase}-wal`)) throw new CoreError('RESTORE_APP_RUNNING')
  completeRestore(paths)
  const credentials = await secret()
  const verified = await verifyArchive(paths, resolve(file), credentials)
  try {
    io.out(describe(verified.preview, t))
    if (!confirmed) {
      io.err(t('backup.cli.confirmWithYes'))
      discardVerified(verified)
      return EXIT.usage
    }
    const safety = safetyCopy(paths, now())
    io.out(t('backup.cli.safety', { file: safety }))
    stageRestore(paths, verified)
  } catch (error) {
    discardVerified(verified)
    throw error
  }
  completeRestore(paths)
  io.out(t('backup.cli.restored'))
  return EXIT.ok
}

/**
 * The case base being replaced is copied as it lies (closed, so checkpointed; encrypted, with
 * its keyring) to safety/before-restore-<time>/: restorable by copying the two files back.
 */
function safetyCopy(paths: CasePaths, at: Date): string {
  const dir = join(paths.safetyDir, `before-restore-${at.toISOString().replace(/[:.]/g, '-')}`)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (existsSync(paths.caseBase)) copyFileSync(paths.caseBase, join(dir, 'concord.db'))
  if (existsSync(paths.keyring)) copyFileSync(paths.keyring, join(dir, 'keyring.json'))
  return dir
}

function list(folder: string | undefined, io: AdminIo, t: i18n['t']): number {
  if (!folder) throw new UsageError()
  for (const { name, size } of tarFilesIn(resolve(folder))) {
    try {
      const { manifest } = readArchive(join(resolve(folder), name), { full: false })
      io.out(`${name}\t${size}\t${manifest.createdAt}\t${manifest.organization}`)
    } catch (error) {
      if (error instanceof CoreError && error.code === 'BACKUP_FOREIGN') continue
      io.out(`${name}\t${size}\t${t('backup.cli.damaged')}`)
    }
  }
  return EXIT.ok
}
