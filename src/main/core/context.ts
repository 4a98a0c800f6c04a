import { existsSync, renameSync, rmSync } from 'node:fs'
import type { i18n } from 'i18next'
import type { Status } from '../../shared/schemas/account'
import type { ScryptCost } from './crypto/kdf'
import type { Keyring } from './db/keyring'
import type { PdfRenderer } from './documents/pdf'
import { fsyncDirectory } from './atomic-file'
import { completeRestore } from './backup/restore'
import type { AuditCall } from './audit/record'
import { CoreError } from './errors'
import type { CasePaths } from './paths'
import type { Preferences } from './preferences'
import type { Vault } from './vault'

export const DEFAULT_IDLE_LOCK_MINUTES = 10

export interface PendingSetup {
  key: Buffer
  keyring: Keyring
  orgName: string
  orgCapacity: 'people_mediation_committee' | 'other_mediation_org'
  admin: { displayName: string; login: string }
  recoveryGroups: string[]
  confirmGroups: [number, number]
}

/** What every handler works with. One per core; requests are handled one at a time. */
export interface CoreContext {
  readonly paths: CasePaths
  readonly cost: ScryptCost
  readonly vault: Vault
  readonly i18n: i18n
  /** Prints documents to PDF; null where the host offers no renderer (PDF_UNAVAILABLE). */
  readonly pdf: PdfRenderer | null
  now(): Date
  preferences: Preferences
  pendingSetup: PendingSetup | null
  /** Cached from the organization row while the case base is open. */
  org: { name: string; idleLockMinutes: number } | null
  lastActivity: number
  /** The request being handled, for the audit trail (audit/record.ts). */
  audit: AuditCall | null
}

/**
 * Reads the data folder: nothing yet, or a keyring with its case base. A crash at the end of
 * setup (keyring written, case base not yet renamed into place) is finished here; a case base
 * without keyring or a keyring without case base is reported, never "repaired" by deleting.
 */
export function detectInstallation(paths: CasePaths): 'uninitialized' | 'initialized' {
  // A restore that committed is finished before anything looks at the files (backup/restore.ts).
  completeRestore(paths)
  const hasKeyring = existsSync(paths.keyring)
  const hasCaseBase = existsSync(paths.caseBase)
  if (hasKeyring && !hasCaseBase && existsSync(paths.setupCaseBase)) {
    renameSync(paths.setupCaseBase, paths.caseBase)
    fsyncDirectory(paths.dataDir)
    return 'initialized'
  }
  if (hasKeyring && hasCaseBase) return 'initialized'
  if (hasKeyring) throw new CoreError('CASEBASE_MISSING')
  if (hasCaseBase) throw new CoreError('KEYRING_MISSING')
  // A setup case base without keyring was never usable: its key was only in memory.
  rmSync(paths.setupCaseBase, { force: true })
  return 'uninitialized'
}

export function statusOf(ctx: CoreContext): Status {
  const language = ctx.preferences.language
  const user = ctx.vault.user
  if (ctx.vault.mode === 'user' && user) {
    return {
      state: 'unlocked',
      language,
      session: {
        user: { id: user.id, login: user.login, displayName: user.displayName, role: user.role },
        mustChangePassword: user.mustChangePassword,
        orgName: ctx.org?.name ?? '',
        idleLockMinutes: ctx.org?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES,
      },
    }
  }
  if (ctx.vault.mode === 'recovery') return { state: 'recovery', language, session: null }
  const installation = detectInstallation(ctx.paths)
  return {
    state: installation === 'initialized' ? 'locked' : 'uninitialized',
    language,
    session: null,
  }
}
