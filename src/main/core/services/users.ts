import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Account } from '../../../shared/schemas/account'
import type { CoreContext } from '../context'
import type { Database, UserTable } from '../db/schema'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { enforcePasswordPolicy, removeUserSlot, setUserSlot } from './password'

function toAccount(row: Selectable<UserTable>): Account {
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role,
    disabled: row.disabledAt !== null,
    mustChangePassword: row.mustChangePassword === 1,
    createdAt: row.createdAt,
  }
}

async function accountRow(db: Kysely<Database> | Transaction<Database>, id: string) {
  const row = await db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new CoreError('NOT_FOUND')
  return row
}

/** Done inside the change's transaction: zero active administrators would lock everyone out of accounts. */
async function requireAnActiveAdmin(trx: Transaction<Database>): Promise<void> {
  const { count } = await trx
    .selectFrom('user')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('disabledAt', 'is', null)
    .executeTakeFirstOrThrow()
  if (count === 0) throw new CoreError('LAST_ADMIN')
}

/** The signed-in administrator's own account goes through 修改密码, never through these. */
function requireOther(ctx: CoreContext, userId: string): void {
  if (ctx.vault.user?.id === userId) throw new CoreError('SELF_ACCOUNT')
}

export const userHandlers = {
  /** Active accounts, for pickers (mediators, approving supervisor). */
  async 'users.list'(_input, ctx) {
    return ctx.vault
      .caseBase()
      .db.selectFrom('user')
      .select(['id', 'displayName', 'role'])
      .where('disabledAt', 'is', null)
      .orderBy('displayName')
      .orderBy('id')
      .execute()
  },

  /** Every account, disabled ones included, for the administrator's account list. */
  async 'users.accounts'(_input, ctx) {
    const rows = await ctx.vault
      .caseBase()
      .db.selectFrom('user')
      .selectAll()
      .orderBy('login')
      .execute()
    return rows.map(toAccount)
  },

  /**
   * A new account with a temporary password the administrator hands over: the user must
   * choose their own at first login (must_change_password), so the administrator never knows
   * the password that guards the case base afterwards.
   */
  async 'users.create'({ displayName, login, role, temporaryPassword }, ctx) {
    enforcePasswordPolicy(ctx, temporaryPassword, login, 'temporaryPassword')
    const { db } = ctx.vault.caseBase()
    const now = ctx.now().toISOString()
    const id = randomUUID()
    await db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('user')
        .select('id')
        .where('login', '=', login)
        .executeTakeFirst()
      if (taken) throw new CoreError('VALIDATION', undefined, [{ path: 'login', rule: 'taken' }])
      await trx
        .insertInto('user')
        .values({
          id,
          login,
          displayName,
          role,
          mustChangePassword: 1,
          disabledAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute()
      // Last, so that a failed keyring write rolls the user row back.
      await setUserSlot(ctx, login, temporaryPassword)
    })
    return { id, displayName, role }
  },

  /**
   * A forgotten password, or re-enabling a disabled account: a new slot for a temporary
   * password, which the user must replace at their next login.
   */
  async 'users.resetPassword'({ userId, temporaryPassword }, ctx) {
    requireOther(ctx, userId)
    const { db } = ctx.vault.caseBase()
    return db.transaction().execute(async (trx) => {
      const row = await accountRow(trx, userId)
      enforcePasswordPolicy(ctx, temporaryPassword, row.login, 'temporaryPassword')
      await trx
        .updateTable('user')
        .set({ mustChangePassword: 1, disabledAt: null, updatedAt: ctx.now().toISOString() })
        .where('id', '=', userId)
        .execute()
      await setUserSlot(ctx, row.login, temporaryPassword)
      return toAccount(await accountRow(trx, userId))
    })
  },

  /**
   * Removes the account's key slot: its password opens nothing from now on. The holder may
   * still have an old copy of the keyring, which is why the screen then offers key rotation.
   */
  async 'users.disable'({ userId }, ctx) {
    requireOther(ctx, userId)
    const { db } = ctx.vault.caseBase()
    return db.transaction().execute(async (trx) => {
      const row = await accountRow(trx, userId)
      if (row.disabledAt === null) {
        const now = ctx.now().toISOString()
        await trx
          .updateTable('user')
          .set({ disabledAt: now, updatedAt: now })
          .where('id', '=', userId)
          .execute()
        await requireAnActiveAdmin(trx)
      }
      // Also for an account already disabled, in case an earlier removal did not complete.
      removeUserSlot(ctx, row.login)
      return toAccount(await accountRow(trx, userId))
    })
  },

  /** Name and role. Administrators may hand over their own role while another remains. */
  async 'users.update'({ userId, displayName, role }, ctx) {
    const { db } = ctx.vault.caseBase()
    const account = await db.transaction().execute(async (trx) => {
      await accountRow(trx, userId)
      await trx
        .updateTable('user')
        .set({
          ...(displayName === undefined ? {} : { displayName }),
          ...(role === undefined ? {} : { role }),
          updatedAt: ctx.now().toISOString(),
        })
        .where('id', '=', userId)
        .execute()
      await requireAnActiveAdmin(trx)
      return toAccount(await accountRow(trx, userId))
    })
    const self = ctx.vault.user
    if (self?.id === userId) {
      ctx.vault.setUser({ ...self, displayName: account.displayName, role: account.role })
    }
    return account
  },
} satisfies Partial<Handlers>
