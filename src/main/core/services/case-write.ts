import type { Kysely, Updateable } from 'kysely'
import type { CoreContext } from '../context'
import { findVisibleCase, requireUser, type CaseRow } from '../cases/access'
import type { CaseTable, Database } from '../db/schema'
import { CoreError } from '../errors'
import type { SessionUser } from '../vault'
import { beginCaseAudit } from '../audit/record'
import { reindexCase } from '../search/index'

export interface WriteContext {
  trx: Kysely<Database>
  row: CaseRow
  user: SessionUser
  /** The instant of this write, ISO UTC. */
  now: string
}

/**
 * Every change to a case goes through here: one transaction that finds the case (NOT_FOUND
 * unless this user may see it), refuses a stale version with CONFLICT before anything is
 * written, runs `write`, and bumps the version and updated_at together with the columns
 * `write` returns. A refusal anywhere rolls the whole change back.
 */
export async function writeCase(
  ctx: CoreContext,
  ref: { caseId: string; version: number },
  write: (w: WriteContext) => Promise<Updateable<CaseTable> | void>,
) {
  const user = requireUser(ctx)
  const { db } = ctx.vault.caseBase()
  const now = ctx.now().toISOString()
  return db.transaction().execute(async (trx) => {
    const row = await findVisibleCase(trx, user, ref.caseId)
    if (row.version !== ref.version) throw new CoreError('CONFLICT')
    if (row.anonymizedAt !== null) throw new CoreError('CASE_ANONYMIZED')
    const audit = await beginCaseAudit(ctx, trx, user, row.id)
    const changes = (await write({ trx, row, user, now })) ?? {}
    const result = await trx
      .updateTable('case')
      .set({ ...changes, version: row.version + 1, updatedAt: now })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst()
    if (result.numUpdatedRows !== 1n) throw new CoreError('CONFLICT')
    await reindexCase(trx, row.id)
    // Before/after go into the trail in this transaction; the after is also the answer.
    return audit.record()
  })
}
