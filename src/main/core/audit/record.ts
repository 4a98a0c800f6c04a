import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { contract, isChannel, type Channel } from '../../../shared/contract'
import type { AuditOutcome } from '../../../shared/schemas/audit'
import { loadAttempts } from '../auth/throttle'
import type { CoreContext } from '../context'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { SessionUser } from '../vault'
import { loadCaseFile } from '../services/case-file'
import { detailsHash, entryHash, GENESIS_HASH, valueHash } from './chain'
import { diff, type Change } from './diff'

/** The request being handled, so a case write can record itself and the router skip it. */
export interface AuditCall {
  readonly channel: Channel
  recorded: boolean
}

export interface AuditRecord {
  userId: string | null
  /** A contract channel, or an action without one ('auth.idleLock'). */
  action: string
  caseId: string | null
  outcome?: AuditOutcome
  /** Changed fields. Never secrets; personal values only where a supervisor needs them. */
  changes?: readonly Change[]
  /** ISO UTC; defaults to now. */
  at?: string
}

/**
 * Appends one entry to the audit trail, chained to the newest one. Call it inside the
 * transaction of the change it records, so both commit or neither does. Reads two rows, not
 * the chain: the newest entry by seq, and the highest seq ever issued (sqlite_sequence), so a
 * deleted newest entry leaves a gap that verify reports.
 */
export async function appendAudit(db: Kysely<Database>, record: AuditRecord): Promise<number> {
  const last = await db
    .selectFrom('auditEntry')
    .select(['seq', 'entryHash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const issued = await sql<{ seq: number }>`
    SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'`.execute(db)
  const seq = Math.max(issued.rows[0]?.seq ?? 0, last?.seq ?? 0) + 1
  const details = (record.changes ?? []).map((change, idx) => {
    const salt = randomBytes(16).toString('hex')
    return {
      seq,
      idx,
      path: change.path,
      salt,
      before: change.before,
      after: change.after,
      valueHash: valueHash(change.path, salt, change.before, change.after),
    }
  })
  const fields = {
    prevHash: last?.entryHash ?? GENESIS_HASH,
    seq,
    at: record.at ?? new Date().toISOString(),
    userId: record.userId,
    action: record.action,
    caseId: record.caseId,
    outcome: record.outcome ?? 'ok',
    detailsHash: detailsHash(details),
  }
  await db
    .insertInto('auditEntry')
    .values({ ...fields, entryHash: entryHash(fields) })
    .execute()
  if (details.length > 0) await db.insertInto('auditDetail').values(details).execute()
  return seq
}

/**
 * Erases the recorded values of a case's changes, with the salts of their hashes (PIPL
 * anonymization): the rows keep their path and hash, so verify reports them as redacted and
 * the chain stays intact. `paths` chooses which (default: all of them). Anonymizing a case
 * through writeCase calls it for the whole case.
 */
export async function redactCaseDetails(
  db: Kysely<Database>,
  caseId: string,
  paths: (path: string) => boolean = () => true,
): Promise<number> {
  const rows = await db
    .selectFrom('auditDetail')
    .innerJoin('auditEntry', 'auditEntry.seq', 'auditDetail.seq')
    .select(['auditDetail.seq', 'auditDetail.idx', 'auditDetail.path'])
    .where('auditEntry.caseId', '=', caseId)
    .where('auditDetail.salt', 'is not', null)
    .execute()
  const chosen = rows.filter((row) => paths(row.path))
  for (const row of chosen) {
    await db
      .updateTable('auditDetail')
      .set({ salt: null, before: null, after: null })
      .where('seq', '=', row.seq)
      .where('idx', '=', row.idx)
      .execute()
  }
  return chosen.length
}

/** Derived from the data, not data: recomputed on every load, so never "changed". */
const DERIVED = [
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'clocks',
  'nextSteps',
  'view',
  'withheld',
]

type CaseSnapshot = Awaited<ReturnType<typeof loadCaseFile>>

function currentCall(ctx: CoreContext): AuditCall {
  // Case writes happen only inside a request; one outside would go unrecorded.
  if (!ctx.audit) throw new CoreError('INTERNAL')
  return ctx.audit
}

async function recordCaseChange(
  ctx: CoreContext,
  trx: Kysely<Database>,
  user: SessionUser,
  caseId: string,
  before: CaseSnapshot | Record<string, never>,
): Promise<CaseSnapshot> {
  const call = currentCall(ctx)
  const after = await loadCaseFile(trx, user, caseId, ctx.now())
  await appendAudit(trx, {
    userId: user.id,
    action: call.channel,
    caseId,
    changes: diff(before, after, DERIVED),
    at: ctx.now().toISOString(),
  })
  // The trail must not keep what anonymization erased from the case (the before of this very
  // change included).
  if (after.anonymizedAt) await redactCaseDetails(trx, caseId)
  call.recorded = true
  return after
}

/**
 * Before/after of one case write, inside its transaction (services/case-write.ts): `begin`
 * reads the case file, `record` reads it again, appends the changed fields and returns the
 * new case file.
 */
export async function beginCaseAudit(
  ctx: CoreContext,
  trx: Kysely<Database>,
  user: SessionUser,
  caseId: string,
) {
  const before = await loadCaseFile(trx, user, caseId, ctx.now())
  return { record: () => recordCaseChange(ctx, trx, user, caseId, before) }
}

/** A registered case: every field of its new file, as "after"; returns that file. */
export async function recordCaseCreated(
  ctx: CoreContext,
  trx: Kysely<Database>,
  user: SessionUser,
  caseId: string,
): Promise<CaseSnapshot> {
  return recordCaseChange(ctx, trx, user, caseId, {})
}

/** Heartbeats and polling: not actions of anyone. */
const UNAUDITED = new Set<Channel>(['app.activity'])

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The case a request names: its caseId, or the case of the attachment it asks for. */
async function caseOf(ctx: CoreContext, input: unknown): Promise<string | null> {
  if (typeof input !== 'object' || input === null) return null
  const { caseId, attachmentId } = input as { caseId?: unknown; attachmentId?: unknown }
  if (typeof caseId === 'string') return UUID.test(caseId) ? caseId : null
  if (typeof attachmentId !== 'string' || attachmentId.length > 64) return null
  const row = await ctx.vault
    .caseBase()
    .db.selectFrom('attachment')
    .select('caseId')
    .where('id', '=', attachmentId)
    .executeTakeFirst()
  return row?.caseId ?? null
}

/**
 * Records that the session ends (the lock button, or the idle timer), while the case base is
 * still open. Never throws: locking must not fail because the trail could not be written.
 */
export async function recordSessionEnd(ctx: CoreContext, action: 'auth.lock' | 'auth.idleLock') {
  if (ctx.vault.mode !== 'user') return
  try {
    await appendAudit(ctx.vault.caseBase().db, {
      userId: ctx.vault.user?.id ?? null,
      action,
      caseId: null,
      at: ctx.now().toISOString(),
    })
  } catch {
    // The lock goes ahead; the missing entry shows as a lock without its record.
  }
}

/**
 * The router's hook around every handler: a successful, non-passive request made while the
 * case base is open is recorded with its channel, user, case and time — never its payload —
 * unless the handler recorded itself (a case write, with before/after). In recovery mode the
 * user is null. A successful unlock also records how many failed attempts preceded it: they
 * happened while the case base was locked and could not be written then.
 */
export async function audited<T>(
  ctx: CoreContext,
  channel: Channel,
  input: unknown,
  run: () => Promise<T>,
): Promise<T> {
  if ('passive' in contract[channel] || UNAUDITED.has(channel)) return run()
  if (channel === 'auth.lock') {
    await recordSessionEnd(ctx, 'auth.lock')
    return run()
  }
  const failedAttempts =
    channel === 'auth.unlock' ? loadAttempts(ctx.paths.attempts).failures : undefined
  const call: AuditCall = { channel, recorded: false }
  ctx.audit = call
  try {
    const value = await run()
    if (!call.recorded && ctx.vault.isOpen) {
      await appendAudit(ctx.vault.caseBase().db, {
        userId: ctx.vault.user?.id ?? null,
        action: channel,
        caseId: await caseOf(ctx, input),
        at: ctx.now().toISOString(),
        ...(failedAttempts === undefined
          ? {}
          : {
              changes: [{ path: 'failedAttempts', before: 'null', after: String(failedAttempts) }],
            }),
      })
    }
    return value
  } finally {
    ctx.audit = null
  }
}

/**
 * A refused request by a signed-in user, recorded as 'denied': any FORBIDDEN, and NOT_FOUND
 * on a request naming a case (a mediator probing someone else's case). Returns the error the
 * caller should report — the refusal, or the failure to record it.
 */
export async function auditRefusal(
  ctx: CoreContext,
  channel: string,
  payload: unknown,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof CoreError) || ctx.vault.mode !== 'user') return error
  if (!isChannel(channel) || 'passive' in contract[channel]) return error
  const namesCase =
    typeof payload === 'object' &&
    payload !== null &&
    ('caseId' in payload || 'attachmentId' in payload)
  if (error.code !== 'FORBIDDEN' && !(error.code === 'NOT_FOUND' && namesCase)) return error
  try {
    await appendAudit(ctx.vault.caseBase().db, {
      userId: ctx.vault.user?.id ?? null,
      action: channel,
      caseId: await caseOf(ctx, payload),
      outcome: 'denied',
      at: ctx.now().toISOString(),
    })
    return error
  } catch (failure) {
    return failure
  }
}
