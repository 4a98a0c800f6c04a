import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, renameSync, rmSync } from 'node:fs'
import { normalizeRecoveryCode, RECOVERY_GROUP_LENGTH } from '../../../shared/recovery-code'
import { detectInstallation, statusOf, type CoreContext } from '../context'
import { fsyncDirectory } from '../atomic-file'
import { generateRecoveryCode, pickConfirmGroups } from '../crypto/recovery'
import { createSlot } from '../crypto/slot'
import { loginHash, newKeyring, withSlot, writeKeyring } from '../db/keyring'
import { migrateCaseBase } from '../db/migrate'
import { openCaseBase } from '../db/open'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { openWithKey } from './auth'
import { enforcePasswordPolicy } from './password'

function requireUninitialized(ctx: CoreContext): void {
  if (detectInstallation(ctx.paths) !== 'uninitialized') throw new CoreError('ALREADY_INITIALIZED')
}

function forgetPendingSetup(ctx: CoreContext): void {
  ctx.pendingSetup?.key.fill(0)
  ctx.pendingSetup = null
}

/**
 * First run, in two steps so that nothing is written until the user has proven they saved the
 * recovery code: `begin` makes the key and both slots in memory and shows the code; `complete`
 * checks the re-typed groups, builds the case base under a temporary name, writes the keyring,
 * then renames the case base into place (see detectInstallation for a crash in between).
 */
export const setupHandlers = {
  async 'setup.begin'(input, ctx) {
    requireUninitialized(ctx)
    enforcePasswordPolicy(ctx, input.admin.password, input.admin.login)
    const key = randomBytes(32)
    const recoveryCode = generateRecoveryCode()
    const now = ctx.now()
    const empty = newKeyring(key, now)
    const adminSlot = await createSlot(
      input.admin.password,
      { kind: 'user', loginHash: loginHash(empty, input.admin.login) },
      ctx.cost,
      now,
    )
    const recovery = await createSlot(
      normalizeRecoveryCode(recoveryCode),
      { kind: 'recovery', loginHash: null },
      ctx.cost,
      now,
    )
    const keyring = withSlot(withSlot(empty, adminSlot, key), recovery, key)
    forgetPendingSetup(ctx)
    const confirmGroups = pickConfirmGroups()
    ctx.pendingSetup = {
      key,
      keyring,
      orgName: input.orgName,
      orgCapacity: input.orgCapacity,
      admin: { displayName: input.admin.displayName, login: input.admin.login },
      recoveryGroups: recoveryCode.split('-'),
      confirmGroups,
    }
    return { recoveryCode, confirmGroups }
  },

  async 'setup.complete'({ confirmation }, ctx) {
    const pending = ctx.pendingSetup
    if (!pending) throw new CoreError('SETUP_NOT_STARTED')
    requireUninitialized(ctx)
    const matches = pending.confirmGroups.every((group, i) => {
      const typed = normalizeRecoveryCode(confirmation[i] ?? '')
      return typed.length === RECOVERY_GROUP_LENGTH && typed === pending.recoveryGroups[group]
    })
    if (!matches) throw new CoreError('RECOVERY_CONFIRMATION_MISMATCH')

    const { paths } = ctx
    rmSync(paths.setupCaseBase, { force: true })
    const caseBase = openCaseBase(paths.setupCaseBase, pending.key, { create: true })
    try {
      await migrateCaseBase(caseBase, { safetyDir: paths.safetyDir })
      const now = ctx.now().toISOString()
      await caseBase.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('organization')
          .values({ name: pending.orgName, capacity: pending.orgCapacity, createdAt: now })
          .execute()
        await trx
          .insertInto('user')
          .values({
            id: randomUUID(),
            login: pending.admin.login,
            displayName: pending.admin.displayName,
            role: 'admin',
            disabledAt: null,
            createdAt: now,
            updatedAt: now,
          })
          .execute()
      })
    } finally {
      await caseBase.close()
    }
    if (existsSync(`${paths.setupCaseBase}-wal`)) throw new CoreError('INTERNAL')
    writeKeyring(paths.keyring, pending.keyring)
    renameSync(paths.setupCaseBase, paths.caseBase)
    fsyncDirectory(paths.dataDir)

    const key = Buffer.from(pending.key)
    const login = pending.admin.login
    forgetPendingSetup(ctx)
    const opened = await openWithKey(ctx, key)
    const admin = await opened.db
      .selectFrom('user')
      .select(['id', 'login', 'displayName', 'role'])
      .where('login', '=', login)
      .executeTakeFirstOrThrow()
    await ctx.vault.open(opened, key, { ...admin, mustChangePassword: false })
    ctx.lastActivity = ctx.now().getTime()
    return statusOf(ctx)
  },
} satisfies Partial<Handlers>
