import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import { todayInChina } from '../../../shared/domain/iso-date'
import type { Dimension } from '../../../shared/schemas/statistics'
import {
  CaseSet,
  RATES,
  Rate,
  type BreakdownRow,
  type Figures,
  type StatsFilters,
  type StatsPeriod,
} from '../../../shared/schemas/statistics'
import type { Database } from '../db/schema'
import type { SessionUser } from '../vault'

/**
 * Every statistic, defined once (docs/statistics.md explains each in words). A figure is the
 * number of cases in a case set, a ratio of two sets, or the average duration of the closed
 * set. A set is a WHERE condition over case_fact (stats/facts.ts), so the dashboard counts it,
 * the drill-down lists it and the period report does both, from the same expression.
 */
export interface Window extends StatsPeriod {
  /** The day open and overdue are judged on: the period's end, or today if that is earlier. */
  asOf: string
}

export function windowOf(period: StatsPeriod, now: Date): Window {
  const today = todayInChina(now)
  return { ...period, asOf: period.to < today ? period.to : today }
}

type Eb = ExpressionBuilder<Database & { f: Database['caseFact'] }, 'f'>

const between = (eb: Eb, column: 'f.acceptedAt' | 'f.closedOn', w: Window) =>
  eb.and([eb(column, '>=', w.from), eb(column, '<=', w.to)])

const isOpen = (eb: Eb, w: Window) =>
  eb.and([
    eb('f.acceptedAt', '<=', w.asOf),
    eb.or([eb('f.concludedOn', 'is', null), eb('f.concludedOn', '>', w.asOf)]),
  ])

const followUpDue = (eb: Eb, w: Window) =>
  eb.and([eb('f.performanceDue', '>=', w.from), eb('f.performanceDue', '<=', w.asOf)])

/** Which date a set is counted by; the month breakdown groups on it. */
const DATE_OF: Record<CaseSet, 'f.acceptedAt' | 'f.closedOn' | 'f.performanceDue'> = {
  accepted: 'f.acceptedAt',
  open: 'f.acceptedAt',
  overdue: 'f.acceptedAt',
  closed: 'f.closedOn',
  agreed: 'f.closedOn',
  onTime: 'f.closedOn',
  followUpDue: 'f.performanceDue',
  followedUp: 'f.performanceDue',
}

/** THE definitions. */
export const CASE_SETS: Record<CaseSet, (eb: Eb, w: Window) => Expression<SqlBool>> = {
  /** Accepted (受理) in the period. */
  accepted: (eb, w) => between(eb, 'f.acceptedAt', w),
  /** Closed (结案, stage 结案/归档 reached) in the period and still closed. */
  closed: (eb, w) => between(eb, 'f.closedOn', w),
  /** Closed in the period after an agreement (调解成功). */
  agreed: (eb, w) => eb.and([between(eb, 'f.closedOn', w), eb('f.outcome', '=', 'agreement')]),
  /** Closed in the period, mediation concluded by the one-month target's due date. */
  onTime: (eb, w) =>
    eb.and([between(eb, 'f.closedOn', w), eb('f.concludedOn', '<=', eb.ref('f.conclusionDue'))]),
  /** Accepted by the as-of day and mediation not concluded by then (在办). */
  open: isOpen,
  /** Open on the as-of day and past the one-month target's due date (超期未结). */
  overdue: (eb, w) => eb.and([isOpen(eb, w), eb('f.conclusionDue', '<', w.asOf)]),
  /** Performance deadline of an agreement fell in the period, up to the as-of day (应回访). */
  followUpDue,
  /** Of those, a follow-up is recorded (已回访). */
  followedUp: (eb, w) => eb.and([followUpDue(eb, w), eb('f.followedUpOn', 'is not', null)]),
}

const DIMENSION_COLUMN = {
  category: 'f.category',
  stage: 'f.stage',
  district: 'f.district',
  source: 'f.source',
  mediator: 'f.leadMediatorId',
} as const

/** Who sees which cases in statistics: a mediator their own, everyone else all of them. */
export interface Scope {
  mediatorId: string | null
}

export const scopeOf = (user: SessionUser): Scope => ({
  mediatorId: user.role === 'mediator' ? user.id : null,
})

export const ALL_CASES: Scope = { mediatorId: null }

function facts(db: Kysely<Database>, scope: Scope, filters: StatsFilters) {
  let q = db.selectFrom('caseFact as f')
  if (filters.category) q = q.where('f.category', '=', filters.category)
  if (filters.district) q = q.where('f.district', '=', filters.district)
  if (filters.source) q = q.where('f.source', '=', filters.source)
  if (filters.mediatorId) q = q.where('f.leadMediatorId', '=', filters.mediatorId)
  const { mediatorId } = scope
  if (mediatorId) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('caseMediator as m')
          .select('m.caseId')
          .whereRef('m.caseId', '=', 'f.caseId')
          .where('m.userId', '=', mediatorId),
      ),
    )
  }
  return q
}

type Counts = Record<CaseSet, number>

function figuresOf(counts: Counts, averageDays: number | null): Figures {
  const rates = Object.fromEntries(
    Rate.options.map((rate) => {
      const { of, per } = RATES[rate]
      return [rate, counts[per] === 0 ? null : round(counts[of] / counts[per], 4)]
    }),
  ) as Record<Rate, number | null>
  return {
    counts,
    averageDays: averageDays === null ? null : round(averageDays, 1),
    rates,
  }
}

const round = (value: number, digits: number) => Number(value.toFixed(digits))

/**
 * Any case some set may hold, as a top-level OR of terms that each have an index
 * (migration 0013), so SQLite reads only these rows instead of every case.
 */
function candidates(eb: Eb, w: Window) {
  return eb.or([
    between(eb, 'f.acceptedAt', w),
    between(eb, 'f.closedOn', w),
    followUpDue(eb, w),
    eb.and([eb('f.concludedOn', 'is', null), eb('f.acceptedAt', '<=', w.asOf)]),
    eb.and([eb('f.concludedOn', '>', w.asOf), eb('f.acceptedAt', '<=', w.asOf)]),
  ])
}

/** Grouping keys of the one statement below; the month has one per date a set counts by. */
const GROUPS = {
  total: null,
  category: 'category',
  stage: 'stage',
  district: 'district',
  source: 'source',
  mediator: 'mediator',
  acceptedMonth: 'acceptedMonth',
  closedMonth: 'closedMonth',
  followUpMonth: 'followUpMonth',
} as const
type Group = keyof typeof GROUPS

const MONTH_GROUP: Record<(typeof DATE_OF)[CaseSet], Group> = {
  'f.acceptedAt': 'acceptedMonth',
  'f.closedOn': 'closedMonth',
  'f.performanceDue': 'followUpMonth',
}

interface Aggregate {
  group: Group
  key: string
  counts: Counts
  averageDays: number | null
}

/**
 * Every count of every table in one statement: the candidate cases are read once into a
 * materialized CTE with a 0/1 column per set, then summed per grouping key (UNION ALL).
 */
async function aggregateAll(
  db: Kysely<Database>,
  scope: Scope,
  filters: StatsFilters,
  w: Window,
): Promise<Aggregate[]> {
  const rows = facts(db, scope, filters)
    .where((eb) => candidates(eb, w))
    .select((eb) => [
      'f.category',
      'f.stage',
      'f.district',
      'f.source',
      'f.leadMediatorId as mediator',
      monthOf('f.acceptedAt')(eb).as('acceptedMonth'),
      monthOf('f.closedOn')(eb).as('closedMonth'),
      monthOf('f.performanceDue')(eb).as('followUpMonth'),
      eb.case().when(CASE_SETS.closed(eb, w)).then(eb.ref('f.durationDays')).end().as('closedDays'),
      ...CaseSet.options.map((set) =>
        eb.case().when(CASE_SETS[set](eb, w)).then(1).else(0).end().as(set),
      ),
    ])
  const withCandidates = db.with(
    (cte) => cte('m').materialized(),
    () => rows,
  )
  const grouped = (from: typeof withCandidates, group: Group) => {
    const column = GROUPS[group]
    return from
      .selectFrom('m')
      .select((eb) => [
        eb.val(group).as('grouping'),
        (column ? eb.ref(`m.${column}`) : eb.val('')).as('key'),
        eb.fn.avg<number | null>('m.closedDays').as('averageDays'),
        ...CaseSet.options.map((set) => eb.fn.sum<number>(`m.${set}`).as(set)),
      ])
      .$if(column !== null, (q) => q.groupBy(`m.${column}` as 'm.category'))
  }
  const [first, ...rest] = Object.keys(GROUPS) as Group[]
  // The CTE is declared once, on the first operand, and read by all of them.
  const statement = rest.reduce(
    (q, group) => q.unionAll((eb) => grouped(eb as unknown as typeof withCandidates, group)),
    grouped(withCandidates, first ?? 'total'),
  )
  const result = await statement.execute()
  return result.map((row) => {
    const record = row as unknown as Record<string, number | string | null>
    const counts = Object.fromEntries(
      CaseSet.options.map((set) => [set, Number(record[set] ?? 0)]),
    ) as Counts
    const avg = record.averageDays
    return {
      group: row.grouping as Group,
      key: String(record.key ?? ''),
      counts,
      averageDays: avg === null || avg === undefined ? null : Number(avg),
    }
  })
}

const ZERO = () => Object.fromEntries(CaseSet.options.map((s) => [s, 0])) as Counts

/** The dashboard's totals and every breakdown table, from one read of the candidate cases. */
export async function figuresAndBreakdowns(
  db: Kysely<Database>,
  scope: Scope,
  filters: StatsFilters,
  w: Window,
): Promise<{ totals: Figures; breakdowns: Record<Dimension, BreakdownRow[]> }> {
  const rows = await aggregateAll(db, scope, filters, w)
  const total = rows.find((r) => r.group === 'total')
  const names = new Map(
    (await db.selectFrom('user').select(['id', 'displayName']).execute()).map((u) => [
      u.id,
      u.displayName,
    ]),
  )
  const tables = {} as Record<Dimension, BreakdownRow[]>
  for (const dimension of Object.keys(DIMENSION_COLUMN) as (keyof typeof DIMENSION_COLUMN)[]) {
    tables[dimension] = rows
      .filter((r) => r.group === dimension)
      .map((r) => ({
        key: r.key,
        label: dimension === 'mediator' ? (names.get(r.key) ?? '') : null,
        figures: figuresOf(r.counts, r.averageDays),
      }))
      .sort(
        (a, b) =>
          b.figures.counts.accepted - a.figures.counts.accepted || a.key.localeCompare(b.key),
      )
  }
  // A month row takes each set's count from the grouping by the date that set counts by.
  const months = new Map<string, { counts: Counts; averageDays: number | null }>()
  for (const set of CaseSet.options) {
    for (const r of rows.filter((row) => row.group === MONTH_GROUP[DATE_OF[set]])) {
      // Months of the period only, and only where the set has cases.
      if (r.key < w.from.slice(0, 7) || r.key > w.to.slice(0, 7) || r.counts[set] === 0) continue
      const entry = months.get(r.key) ?? { counts: ZERO(), averageDays: null }
      entry.counts[set] = r.counts[set]
      if (set === 'closed') entry.averageDays = r.averageDays
      months.set(r.key, entry)
    }
  }
  tables.month = [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, e]) => ({ key, label: null, figures: figuresOf(e.counts, e.averageDays) }))
  return {
    totals: figuresOf(total?.counts ?? ZERO(), total?.averageDays ?? null),
    breakdowns: tables,
  }
}

export async function totals(
  db: Kysely<Database>,
  scope: Scope,
  filters: StatsFilters,
  w: Window,
): Promise<Figures> {
  return (await figuresAndBreakdowns(db, scope, filters, w)).totals
}

export async function breakdowns(
  db: Kysely<Database>,
  scope: Scope,
  filters: StatsFilters,
  w: Window,
): Promise<Record<Dimension, BreakdownRow[]>> {
  return (await figuresAndBreakdowns(db, scope, filters, w)).breakdowns
}

const monthOf = (column: (typeof DATE_OF)[CaseSet]) => (eb: Eb) =>
  eb.fn<string>('substr', [eb.ref(column), eb.val(1), eb.val(7)])

/** The condition of one breakdown row, for the drill-down. */
function groupCondition(eb: Eb, set: CaseSet, dimension: Dimension, key: string) {
  if (dimension === 'month') return eb(monthOf(DATE_OF[set])(eb), '=', key)
  return eb(DIMENSION_COLUMN[dimension], '=', key)
}

/** The cases behind a figure: the set's condition (and the row's), as a query to page or read. */
export function casesBehind(
  db: Kysely<Database>,
  scope: Scope,
  filters: StatsFilters,
  w: Window,
  set: CaseSet,
  group?: { dimension: Dimension; key: string },
) {
  return facts(db, scope, filters)
    .innerJoin('case as c', 'c.id', 'f.caseId')
    .leftJoin('user as lead', 'lead.id', 'f.leadMediatorId')
    .where((eb) =>
      group
        ? eb.and([CASE_SETS[set](eb, w), groupCondition(eb, set, group.dimension, group.key)])
        : CASE_SETS[set](eb, w),
    )
}

export const FIGURE_CASE_COLUMNS = [
  'c.id',
  'c.number',
  'f.category',
  'f.stage',
  'f.source',
  'f.district',
  'f.acceptedAt',
  'f.concludedOn',
  'f.closedOn',
  'f.conclusionDue',
] as const

export async function drilldown(
  db: Kysely<Database>,
  scope: Scope,
  filters: StatsFilters,
  w: Window,
  input: {
    set: CaseSet
    group?: { dimension: Dimension; key: string }
    offset: number
    limit: number
  },
) {
  const cases = casesBehind(db, scope, filters, w, input.set, input.group)
  const { total } = await cases
    .select(({ fn }) => fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const rows = await cases
    .select([
      ...FIGURE_CASE_COLUMNS,
      sql<string>`coalesce(lead.display_name, '')`.as('leadMediatorName'),
    ])
    .orderBy(DATE_OF[input.set], 'desc')
    .orderBy('c.number')
    .offset(input.offset)
    .limit(input.limit)
    .execute()
  return { total, rows }
}

/**
 * Every case in any set, with the sets it belongs to: the period report's 案件明细 sheet.
 * One row per case, so a figure is the count of the marks in its column.
 */
export async function membership(
  db: Kysely<Database>,
  scope: Scope,
  filters: StatsFilters,
  w: Window,
) {
  const rows = await facts(db, scope, filters)
    .innerJoin('case as c', 'c.id', 'f.caseId')
    .leftJoin('user as lead', 'lead.id', 'f.leadMediatorId')
    .where((eb) => eb.or(CaseSet.options.map((set) => CASE_SETS[set](eb, w))))
    .select((eb) => [
      ...FIGURE_CASE_COLUMNS,
      sql<string>`coalesce(lead.display_name, '')`.as('leadMediatorName'),
      ...CaseSet.options.map((set) =>
        eb.case().when(CASE_SETS[set](eb, w)).then(1).else(0).end().as(set),
      ),
    ])
    .orderBy('c.number')
    .execute()
  return rows.map((row) => {
    const record = row as unknown as Record<string, unknown>
    return { ...row, sets: CaseSet.options.filter((set) => Number(record[set]) === 1) }
  })
}
