import { sql } from 'kysely'
import { addDays } from '../../../shared/domain/iso-date'
import type { AuditChange } from '../../../shared/schemas/audit'
import { verifyChain } from '../audit/verify'
import { requireUser } from '../cases/access'
import type { Handlers } from '../handlers'

/** The first instant of a China calendar day, as the ISO UTC text entries are stamped with. */
const startOfChinaDay = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString()

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

export const auditHandlers = {
  /**
   * The trail, newest first, a page at a time (keyset on seq, so paging stays fast and stable
   * while new entries arrive). An administrator reads case content only with a case role, so
   * for them the values of case changes are hidden and only the changed fields show.
   */
  async 'audit.list'(query, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    let rows = db
      .selectFrom('auditEntry')
      .leftJoin('user', 'user.id', 'auditEntry.userId')
      .leftJoin('case', 'case.id', 'auditEntry.caseId')
      .select([
        'auditEntry.seq',
        'auditEntry.at',
        'auditEntry.userId',
        'user.displayName as userName',
        'auditEntry.action',
        'auditEntry.caseId',
        'case.number as caseNumber',
        'auditEntry.outcome',
      ])
      .orderBy('auditEntry.seq', 'desc')
      .limit(query.limit + 1)
    if (query.before !== undefined) rows = rows.where('auditEntry.seq', '<', query.before)
    if (query.userId) rows = rows.where('auditEntry.userId', '=', query.userId)
    if (query.caseId) rows = rows.where('auditEntry.caseId', '=', query.caseId)
    if (query.action) rows = rows.where('auditEntry.action', '=', query.action)
    if (query.from) rows = rows.where('auditEntry.at', '>=', startOfChinaDay(query.from))
    if (query.to) rows = rows.where('auditEntry.at', '<', startOfChinaDay(addDays(query.to, 1)))
    if (query.caseNumber) {
      const pattern = `%${likeEscaped(query.caseNumber)}%`
      rows = rows.where('auditEntry.caseId', 'in', (eb) =>
        eb
          .selectFrom('case')
          .select('id')
          .where(sql<boolean>`number LIKE ${pattern} ESCAPE '\\'`),
      )
    }
    const page = await rows.execute()
    const shown = page.slice(0, query.limit)
    const seqs = shown.map((row) => row.seq)
    const details =
      seqs.length === 0
        ? []
        : await db
            .selectFrom('auditDetail')
            .select(['seq', 'path', 'before', 'after'])
            .where('seq', 'in', seqs)
            .orderBy('seq')
            .orderBy('idx')
            .execute()
    const caseOf = new Map(shown.map((row) => [row.seq, row.caseId]))
    const changesOf = new Map<number, AuditChange[]>(seqs.map((seq) => [seq, []]))
    for (const row of details) {
      const hidden = user.role === 'admin' && caseOf.get(row.seq) != null
      changesOf.get(row.seq)?.push(
        hidden
          ? { path: row.path, before: null, after: null, state: 'hidden' }
          : {
              path: row.path,
              before: row.before,
              after: row.after,
              state: row.before === null || row.after === null ? 'redacted' : 'shown',
            },
      )
    }
    return {
      rows: shown.map((row) => ({ ...row, changes: changesOf.get(row.seq) ?? [] })),
      next: page.length > query.limit ? (shown.at(-1)?.seq ?? null) : null,
    }
  },

  async 'audit.verify'(_input, ctx) {
    return verifyChain(ctx.vault.caseBase().sqlite)
  },
} satisfies Partial<Handlers>
