import { randomBytes } from 'node:crypto'
import { normalizeRecoveryCode } from '../../../shared/recovery-code'
import { gate, loadAttempts, NO_FAILURES, recordFailure, saveAttempts } from '../auth/throttle'
import { detectInstallation, statusOf, type CoreContext } from '../context'
import { deriveKey } from '../crypto/kdf'
import {
  caseBaseKeyCandidates,
  readKeyring,
  recoverySlot,
  slotOpens,
  userSlot,
  type KeyCandidate,
  type Keyring,
} from '../db/keyring'
import { migrateCaseBase } from '../db/migrate'
import { openCaseBase, type CaseBase } from '../db/open'
import { settleGenerations } from '../db/rekey'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import type { SessionUser } from '../vault'
import {
  dropDisabledLegacySlots,
  enforcePasswordPolicy,
  setUserSlot,
  upgradeLegacySlot,
} from './password'

function requireInitialized(ctx: CoreContext): void {
  if (detectInstallation(ctx.paths) !== 'initialized') throw new CoreError('NOT_INITIALIZED')
}

/** Refuses while the throttle says wait; otherwise runs `attempt` and counts its outcome. */
async function throttled<T>(
  ctx: CoreContext,
  file: string,
  attempt: () => Promise<T | null>,
): Promise<T> {
  const attempts = loadAttempts(file)
  const now = ctx.now().getTime()
  const state = gate(attempts, now)
  if (state.kind === 'throttled') throw new CoreError('THROTTLED', { seconds: state.seconds })
  if (state.kind === 'lockedOut') throw new CoreError('LOCKED_OUT', { minutes: state.minutes })
  const result = await attempt()
  if (result === null) {
    saveAttempts(file, recordFailure(attempts, now))
    throw new CoreError('WRONG_CREDENTIALS')
  }
  if (attempts.failures > 0) saveAttempts(file, NO_FAILURES)
  return result
}

/** Same scrypt work for an unknown login as for a known one: timing does not reveal logins. */
async function burnEquivalentWork(ctx: CoreContext, secret: string): Promise<null> {
  const salt = randomBytes(16).toString('base64')
  await deriveKey(secret, { name: 'scrypt', ...ctx.cost, salt, keyLength: 32 })
  return null
}

/**
 * Checks another account's password without switching the session (a supervisor approving
 * at a mediator's desk). Counted by the same throttle as unlocking, so it is no side door
 * for guessing passwords.
 */
export async function verifyPassword(
  ctx: CoreContext,
  login: string,
  password: string,
): Promise<void> {
  const slot = userSlot(readKeyring(ctx.paths.keyring), login)
  await throttled(ctx, ctx.paths.attempts, () =>
    slot ? slotOpens(slot, password) : burnEquivalentWork(ctx, password),
  )
}

export async function openWithKey(ctx: CoreContext, key: Buffer): Promise<CaseBase> {
  const caseBase = openCaseBase(ctx.paths.caseBase, key, { create: false })
  try {
    await migrateCaseBase(caseBase, { safetyDir: ctx.paths.safetyDir })
    const org = await caseBase.db
      .selectFrom('organization')
      .select(['name', 'idleLockMinutes'])
      .executeTakeFirstOrThrow()
    ctx.org = org
    return caseBase
  } catch (error) {
    await caseBase.close()
    throw error
  }
}

/**
 * Opens the case base with the newest candidate key that fits. Two candidates mean a key
 * rotation was interrupted: the key that opens the case base wins and the rotation is
 * settled (docs/security.md). Every candidate buffer is wiped; the winner comes back as a copy.
 */
async function openWithCandidates(
  ctx: CoreContext,
  keyring: Keyring,
  candidates: KeyCandidate[],
): Promise<{ caseBase: CaseBase; key: Buffer }> {
  try {
    for (const candidate of candidates) {
      let caseBase: CaseBase
      try {
        caseBase = await openWithKey(ctx, candidate.key)
      } catch (error) {
        if (error instanceof CoreError && error.code === 'CASEBASE_WRONG_KEY') continue
        throw error
      }
      if (keyring.keys.length > 1) {
        const losers = candidates.filter((c) => c !== candidate).map((c) => c.key)
        try {
          settleGenerations(ctx.paths, keyring, candidate.key, losers)
        } catch (error) {
          await caseBase.close()
          throw error
        }
      }
      return { caseBase, key: Buffer.from(candidate.key) }
    }
    throw new CoreError('CASEBASE_WRONG_KEY')
  } finally {
    for (const candidate of candidates) candidate.key.fill(0)
  }
}

async function findUser(caseBase: CaseBase, where: { login: string } | { id: string }) {
  let query = caseBase.db.selectFrom('user').selectAll()
  query =
    'login' in where ? query.where('login', '=', where.login) : query.where('id', '=', where.id)
  return query.executeTakeFirst()
}

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>

function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role,
    mustChangePassword: row.mustChangePassword === 1,
  }
}

export const authHandlers = {
  async 'auth.unlock'({ login, password }, ctx) {
    requireInitialized(ctx)
    const keyring = readKeyring(ctx.paths.keyring)
    // A disabled account has no slot: it fails here like an unknown login.
    const slot = userSlot(keyring, login)
    const candidates = await throttled(ctx, ctx.paths.attempts, async () =>
      slot ? caseBaseKeyCandidates(keyring, slot, password) : burnEquivalentWork(ctx, password),
    )
    const { caseBase, key } = await openWithCandidates(ctx, keyring, candidates)
    const row = await findUser(caseBase, { login })
    if (!row || row.disabledAt) {
      await caseBase.close()
      key.fill(0)
      throw new CoreError(row ? 'ACCOUNT_DISABLED' : 'WRONG_CREDENTIALS')
    }
    if (slot) await upgradeLegacySlot(ctx, slot, password, key)
    await dropDisabledLegacySlots(ctx, caseBase)
    await ctx.vault.open(caseBase, key, toSessionUser(row))
    ctx.lastActivity = ctx.now().getTime()
    return statusOf(ctx)
  },

  async 'auth.unlockWithRecoveryCode'({ recoveryCode }, ctx) {
    requireInitialized(ctx)
    const keyring = readKeyring(ctx.paths.keyring)
    const slot = recoverySlot(keyring)
    if (!slot) throw new CoreError('KEYRING_CORRUPT')
    const secret = normalizeRecoveryCode(recoveryCode)
    const candidates = await throttled(ctx, ctx.paths.recoveryAttempts, () =>
      caseBaseKeyCandidates(keyring, slot, secret),
    )
    const { caseBase, key } = await openWithCandidates(ctx, keyring, candidates)
    await upgradeLegacySlot(ctx, slot, secret, key)
    await dropDisabledLegacySlots(ctx, caseBase)
    await ctx.vault.open(caseBase, key, null)
    ctx.lastActivity = ctx.now().getTime()
    const admins = await caseBase.db
      .selectFrom('user')
      .select(['id', 'login', 'displayName', 'role'])
      .where('role', '=', 'admin')
      .where('disabledAt', 'is', null)
      .orderBy('login')
      .execute()
    return { admins }
  },

  async 'auth.resetAdminPassword'({ userId, newPassword }, ctx) {
    const caseBase = ctx.vault.caseBase()
    const row = await findUser(caseBase, { id: userId })
    if (!row || row.role !== 'admin' || row.disabledAt) throw new CoreError('FORBIDDEN')
    enforcePasswordPolicy(ctx, newPassword, row.login)
    await setUserSlot(ctx, row.login, newPassword)
    await caseBase.db
      .updateTable('user')
      .set({ mustChangePassword: 0, updatedAt: ctx.now().toISOString() })
      .where('id', '=', row.id)
      .execute()
    ctx.vault.setUser({ ...toSessionUser(row), mustChangePassword: false })
    return statusOf(ctx)
  },

  async 'auth.lock'(_input, ctx) {
    await ctx.vault.close()
    ctx.org = null
    return statusOf(ctx)
  },

  async 'auth.changePassword'({ currentPassword, newPassword }, ctx) {
    const user = ctx.vault.user
    if (!user) throw new CoreError('NOT_AUTHENTICATED')
    const slot = userSlot(readKeyring(ctx.paths.keyring), user.login)
    if (!slot) throw new CoreError('KEYRING_CORRUPT')
    await throttled(ctx, ctx.paths.attempts, () => slotOpens(slot, currentPassword))
    if (currentPassword === newPassword) throw new CoreError('PASSWORD_REUSED')
    enforcePasswordPolicy(ctx, newPassword, user.login)
    await setUserSlot(ctx, user.login, newPassword)
    await ctx.vault
      .caseBase()
      .db.updateTable('user')
      .set({ mustChangePassword: 0, updatedAt: ctx.now().toISOString() })
      .where('id', '=', user.id)
      .execute()
    ctx.vault.setUser({ ...user, mustChangePassword: false })
    return statusOf(ctx)
  },
} satisfies Partial<Handlers>
