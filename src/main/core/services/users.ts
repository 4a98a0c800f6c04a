import { randomUUID } from 'node:crypto'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { enforcePasswordPolicy, setUserSlot } from './password'

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
} satisfies Partial<Handlers>
