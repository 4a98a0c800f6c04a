import { sql, type Kysely } from 'kysely'
import type { z } from 'zod'
import type { CaseListPage, CaseListQuery } from '../../../shared/schemas/case'
import type { CoreContext } from '../context'
import { requireUser, visibleCases } from '../cases/access'
import { auditorSummaries } from '../cases/auditor-view'
import { chinaDateTime } from '../cases/clocks'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { identMatches } from '../search/query'
import type { SessionUser } from '../vault'

type Query = z.output<typeof CaseListQuery>

/**
 * The cases this user may see that match the filters. The text looks at the case number, the
 * parties' names, phone and ID numbers and the household units through the search index
 * (search/query.ts); deadlines through the stored columns (cases/deadline-columns.ts).
 * The case-list export (stats/case-export.ts) reads the same query.
 */
export function matching(
  db: Kysely<Database>,
  user: SessionUser,
  q: Query,
  now: Date,
  /**
   * 'page' when reading one page in sort order: the mediator filter is then a per-row check,
   * so SQLite walks the sort index and stops at the page's end. 'set' (counting, exports) lets
   * it start from the mediator's assignments instead of checking every case.
   */
  use: 'page' | 'set' = 'set',
) {
  let cases = visibleCases(db, user)
  if (use === 'set' && user.role === 'mediator') {
    // visibleCases' own rule again, as a set SQLite can start from instead of checking every case.
    cases = cases.where('case.id', 'in', (eb) =>
      eb
        .selectFrom('caseMediator as mine')
        .select('mine.caseId')
        .where('mine.userId', '=', user.id),
    )
  }
  if (q.category) cases = cases.where('case.category', '=', q.category)
  if (q.stage) cases = cases.where('case.stage', '=', q.stage)
  if (q.district) cases = cases.where('case.district', '=', q.district)
  if (q.riskLevel) cases = cases.where('case.riskLevel', '=', q.riskLevel)
  if (q.acceptedFrom) cases = cases.where('case.acceptedAt', '>=', q.acceptedFrom)
  if (q.acceptedTo) cases = cases.where('case.acceptedAt', '<=', q.acceptedTo)
  const nowInChina = chinaDateTime(now)
  if (q.overdue === true) cases = cases.where('case.overdueFrom', '<=', nowInChina)
  if (q.overdue === false) {
    cases = cases.where((eb) =>
      eb.or([eb('case.overdueFrom', 'is', null), eb('case.overdueFrom', '>', nowInChina)]),
    )
  }
  const { mediatorId, text } = q
  if (mediatorId) {
    cases =
      use === 'set'
        ? cases.where('case.id', 'in', (eb) =>
            eb
              .selectFrom('caseMediator as assigned')
              .select('assigned.caseId')
              .where('assigned.userId', '=', mediatorId),
          )
        : cases.where(({ exists, selectFrom }) =>
            exists(
              selectFrom('caseMediator as assigned')
                .select('assigned.caseId')
                .whereRef('assigned.caseId', '=', 'case.id')
                .where('assigned.userId', '=', mediatorId),
            ),
          )
  }
  if (text) {
    const found = identMatches(text)
    cases = found ? cases.where('case.id', 'in', found) : cases.where(sql<boolean>`0`)
  }
  return cases
}

function summaryRows(cases: ReturnType<typeof matching>, now: Date) {
  return cases.select([
    'case.id',
    'case.number',
    'case.category',
    'case.stage',
    'case.summary',
    'case.district',
    'case.riskLevel',
    'case.acceptedAt',
    'case.updatedAt',
    'case.nextDue',
    sql<number>`coalesce(${sql.ref('case.overdueFrom')} <= ${chinaDateTime(now)}, 0)`.as('overdue'),
  ])
}

/**
 * The lead mediator's name of each case on the page, read apart: joined into the page query,
 * SQLite may start from the mediators and sort every case instead of walking the sort index.
 */
async function leadNames(db: Kysely<Database>, caseIds: string[]) {
  if (caseIds.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('caseMediator as lead')
    .innerJoin('user', 'user.id', 'lead.userId')
    .select(['lead.caseId', 'user.displayName'])
    .where('lead.role', '=', 'lead')
    .where('lead.caseId', 'in', caseIds)
    .execute()
  return new Map(rows.map((row) => [row.caseId, row.displayName]))
}

const SORT_COLUMNS = {
  acceptedAt: 'case.acceptedAt',
  number: 'case.number',
  updatedAt: 'case.updatedAt',
  nextDue: 'case.nextDue',
} as const

/** Where a page ends: its last row's sort value and case number (unique, the tie-breaker). */
type Cursor = [value: string | null, number: string]

function readCursor(after: string): Cursor {
  try {
    const cursor: unknown = JSON.parse(after)
    if (
      Array.isArray(cursor) &&
      cursor.length === 2 &&
      (cursor[0] === null || typeof cursor[0] === 'string') &&
      typeof cursor[1] === 'string'
    ) {
      return cursor as Cursor
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new CoreError('VALIDATION', undefined, [{ path: 'after', rule: 'cursor' }])
}

/**
 * One page of the case list, by keyset: the rows after the cursor in the index order of the
 * sort key and the case number, so a page deep in 100,000 cases costs what the first does.
 * Cases without a running clock come last when sorting by deadline, in either direction: the
 * page walks the cases with a due date first, then those without.
 */
export async function listCases(ctx: CoreContext, q: Query): Promise<z.input<typeof CaseListPage>> {
  const user = requireUser(ctx)
  const { db } = ctx.vault.caseBase()
  const now = ctx.now()
  const cases = matching(db, user, q, now, 'page')
  const cursor = q.after === undefined ? undefined : readCursor(q.after)
  const column = SORT_COLUMNS[q.sort]
  const below = q.direction === 'desc' ? '<' : '>'

  const page = (from: ReturnType<typeof matching>, after: Cursor | undefined, limit: number) =>
    summaryRows(
      after === undefined
        ? from
        : from.where((eb) =>
            q.sort === 'number'
              ? eb('case.number', below, after[1])
              : eb(eb.refTuple(column, 'case.number'), below, eb.tuple(after[0] ?? '', after[1])),
          ),
      now,
    )
      .orderBy(column, q.direction)
      .orderBy('case.number', q.direction)
      .limit(limit)
      .execute()

  const want = q.limit + 1
  let rows
  if (q.sort !== 'nextDue') {
    rows = await page(cases, cursor, want)
  } else {
    const dated = cases.where('case.nextDue', 'is not', null)
    const undated = cases.where('case.nextDue', 'is', null)
    const inUndated = cursor !== undefined && cursor[0] === null
    rows = inUndated ? [] : await page(dated, cursor, want)
    if (rows.length < want) {
      rows.push(...(await page(undated, inUndated ? cursor : undefined, want - rows.length)))
    }
  }
  const more = rows.length > q.limit
  const shown = rows.slice(0, q.limit)
  const last = shown.at(-1)
  const total =
    cursor === undefined
      ? (
          await matching(db, user, q, now, 'set')
            .select(({ fn }) => fn.countAll<number>().as('total'))
            .executeTakeFirstOrThrow()
        ).total
      : null
  const leads = await leadNames(
    db,
    shown.map((row) => row.id),
  )
  return {
    total,
    rows: shown.map((row) => ({
      ...row,
      overdue: row.overdue === 1,
      leadMediatorName: leads.get(row.id) ?? '',
    })),
    next: more && last ? JSON.stringify([last[q.sort], last.number] satisfies Cursor) : null,
  }
}

export const caseListHandlers = {
  async 'cases.list'(query, ctx) {
    const page = await listCases(ctx, query)
    if (requireUser(ctx).role !== 'auditor') return page
    return { ...page, rows: await auditorSummaries(ctx.vault.caseBase().db, page.rows) }
  },
} satisfies Partial<Handlers>
