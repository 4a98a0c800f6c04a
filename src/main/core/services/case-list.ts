import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { z } from 'zod'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import type { CaseListQuery, CaseSummary } from '../../../shared/schemas/case'
import type { CoreContext } from '../context'
import { requireUser, visibleCases } from '../cases/access'
import { clockViews, deadlineSummary } from '../cases/clocks'
import { loadClockData } from '../cases/clock-data'
import type { Database } from '../db/schema'
import type { Handlers } from '../handlers'
import type { SessionUser } from '../vault'

type Query = z.output<typeof CaseListQuery>

/** A substring match with the user's text taken literally (% and _ are not wildcards). */
function contains(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`
}

/**
 * The cases this user may see that match the filters. Quick search looks at the case number
 * and each party's name, phone and ID number; issue 7 replaces the LIKE scan with an index.
 */
function matching(db: Kysely<Database>, user: SessionUser, q: Query) {
  let cases = visibleCases(db, user)
  if (q.category) cases = cases.where('case.category', '=', q.category)
  if (q.stage) cases = cases.where('case.stage', '=', q.stage)
  if (q.district) cases = cases.where('case.district', '=', q.district)
  if (q.riskLevel) cases = cases.where('case.riskLevel', '=', q.riskLevel)
  if (q.acceptedFrom) cases = cases.where('case.acceptedAt', '>=', q.acceptedFrom)
  if (q.acceptedTo) cases = cases.where('case.acceptedAt', '<=', q.acceptedTo)
  const { mediatorId, text } = q
  if (mediatorId) {
    cases = cases.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('caseMediator as assigned')
          .select('assigned.caseId')
          .whereRef('assigned.caseId', '=', 'case.id')
          .where('assigned.userId', '=', mediatorId),
      ),
    )
  }
  if (text) {
    cases = cases.where(({ or, exists, selectFrom }) =>
      or([
        contains('case.number', text),
        exists(
          selectFrom('party')
            .select('party.id')
            .whereRef('party.caseId', '=', 'case.id')
            .where(({ or: either }) =>
              either([
                contains('party.name', text),
                contains('party.phone', text),
                contains('party.idNumber', text),
              ]),
            ),
        ),
      ]),
    )
  }
  return cases
}

function summaryRows(cases: ReturnType<typeof matching>) {
  return cases
    .innerJoin('caseMediator as lead', (join) =>
      join.onRef('lead.caseId', '=', 'case.id').on('lead.role', '=', 'lead'),
    )
    .innerJoin('user as leadUser', 'leadUser.id', 'lead.userId')
    .select([
      'case.id',
      'case.number',
      'case.category',
      'case.stage',
      'case.summary',
      'case.district',
      'case.riskLevel',
      'case.acceptedAt',
      'case.updatedAt',
      'leadUser.displayName as leadMediatorName',
    ])
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryRows>['execute']>>[number]

/** Adds each row's deadline column from its clocks, computed here, not stored (yet). */
async function withDeadlines(
  db: Kysely<Database>,
  rows: SummaryRow[],
  now: Date,
): Promise<z.input<typeof CaseSummary>[]> {
  if (rows.length === 0) return []
  const { calendar, byCase } = await loadClockData(
    db,
    rows.map((row) => row.id),
  )
  return rows.map((row) => ({
    ...row,
    ...deadlineSummary(
      clockViews(WORKFLOWS[row.category], row.stage, byCase(row.id), calendar, now),
    ),
  }))
}

const SORT_COLUMNS = {
  acceptedAt: 'case.acceptedAt',
  number: 'case.number',
  updatedAt: 'case.updatedAt',
} as const

export async function listCases(ctx: CoreContext, q: Query) {
  const user = requireUser(ctx)
  const { db } = ctx.vault.caseBase()
  const cases = matching(db, user, q)
  const now = ctx.now()

  if (q.sort !== 'nextDue' && q.overdue === undefined) {
    const { total } = await cases
      .select(({ fn }) => fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow()
    const page = await summaryRows(cases)
      .orderBy(SORT_COLUMNS[q.sort], q.direction)
      .orderBy('case.number', q.direction)
      .offset(q.offset)
      .limit(q.limit)
      .execute()
    return { total, rows: await withDeadlines(db, page, now) }
  }

  // Deadlines are computed, not stored: filtering or sorting by them reads every match.
  // Fine for thousands of cases; issue 7 stores the next due date to keep 100,000 fast.
  let rows = await withDeadlines(db, await summaryRows(cases).execute(), now)
  if (q.overdue !== undefined) rows = rows.filter((row) => row.overdue === q.overdue)
  if (q.sort === 'nextDue') {
    const sign = q.direction === 'asc' ? 1 : -1
    // Cases without a running clock come last in either direction.
    rows.sort((a, b) =>
      a.nextDue === b.nextDue
        ? a.number.localeCompare(b.number)
        : a.nextDue === null
          ? 1
          : b.nextDue === null
            ? -1
            : sign * a.nextDue.localeCompare(b.nextDue),
    )
  } else {
    const key = q.sort
    const sign = q.direction === 'asc' ? 1 : -1
    rows.sort((a, b) => sign * (a[key].localeCompare(b[key]) || a.number.localeCompare(b.number)))
  }
  return { total: rows.length, rows: rows.slice(q.offset, q.offset + q.limit) }
}

export const caseListHandlers = {
  async 'cases.list'(query, ctx) {
    return listCases(ctx, query)
  },
} satisfies Partial<Handlers>
