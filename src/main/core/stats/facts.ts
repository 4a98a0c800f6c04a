import { createHash } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import { daysBetween, todayInChina } from '../../../shared/domain/iso-date'
import { clockDue } from '../../../shared/domain/workflow/clocks'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { CaseProgress } from '../../../shared/schemas/case'
import { dayOverrides } from '../cases/calendar'
import { loadClockData } from '../cases/clock-data'
import { clockRun } from '../cases/clocks'
import type { CaseFactTable, Database } from '../db/schema'

/** The organization's own time limit for concluding mediation (common.ts). */
export const CONCLUSION_CLOCK = 'practiceConclusion'

/** Stages reached only after an agreement (common.ts): the case's mediation has concluded. */
const AFTER_AGREEMENT = new Set(['agreement', 'judicialConfirmation', 'performance', 'closed'])

/** Cases per round: 500 rows of 17 values stay well below SQLite's 32,766 parameters. */
const BATCH = 500

const FACT_COLUMNS = [
  'caseVersion',
  'calendarStamp',
  'category',
  'stage',
  'source',
  'district',
  'leadMediatorId',
  'acceptedAt',
  'conclusionDue',
  'concludedOn',
  'closedOn',
  'outcome',
  'durationDays',
  'performanceDue',
  'followedUpOn',
] as const satisfies readonly (keyof CaseFactTable)[]

const chinaDate = (at: string) => todayInChina(new Date(at))

/** Changes whenever an administrator's holiday override changes any due date. */
async function calendarStamp(db: Kysely<Database>): Promise<string> {
  const overrides = await dayOverrides(db)
  return createHash('sha256').update(JSON.stringify(overrides)).digest('hex').slice(0, 16)
}

/** Counts and versions of all cases: any write, creation or deletion changes it. */
async function caseFingerprint(db: Kysely<Database>, stamp: string): Promise<string> {
  const row = await db
    .selectFrom('case')
    .select(({ fn }) => [fn.countAll<number>().as('n'), fn.sum<number>('version').as('v')])
    .executeTakeFirstOrThrow()
  return `${row.n}:${row.v ?? 0}:${stamp}`
}

const fresh = new WeakMap<Kysely<Database>, string>()

interface Transition {
  fromStage: string
  toStage: string
  action: string
  at: string
}

/**
 * When the case's mediation concluded and how: the agreement taking effect (the date the
 * mediator recorded, else the move into the agreement stage) or the termination. Only moves
 * since the last reopening count; a reopened case is open again.
 */
export function conclusion(
  stage: string,
  agreementEffectiveAt: string | undefined,
  history: readonly Transition[],
): { concludedOn: string | null; outcome: 'agreement' | 'termination' | null } {
  const lastReopen = history.findLastIndex((t) => t.action === 'reopen')
  const since = history.slice(lastReopen + 1)
  const closing = since.findLast((t) => t.toStage === 'closed')
  const terminated =
    stage === 'terminated' || (stage === 'closed' && closing?.fromStage === 'terminated')
  if (terminated) {
    const move = since.findLast((t) => t.toStage === 'terminated')
    return { concludedOn: move ? chinaDate(move.at) : null, outcome: 'termination' }
  }
  if (AFTER_AGREEMENT.has(stage)) {
    const move = since.find((t) => t.toStage === 'agreement')
    const on = agreementEffectiveAt ?? (move ? chinaDate(move.at) : null)
    return { concludedOn: on, outcome: 'agreement' }
  }
  return { concludedOn: null, outcome: null }
}

async function computeFacts(
  db: Kysely<Database>,
  ids: string[],
  stamp: string,
): Promise<Insertable<CaseFactTable>[]> {
  const cases = await db
    .selectFrom('case')
    .leftJoin('caseMediator as lead', (join) =>
      join.onRef('lead.caseId', '=', 'case.id').on('lead.role', '=', 'lead'),
    )
    .select([
      'case.id',
      'case.version',
      'case.category',
      'case.stage',
      'case.source',
      'case.district',
      'case.acceptedAt',
      'case.progress',
      'lead.userId as leadId',
    ])
    .where('case.id', 'in', ids)
    .execute()
  const transitions = await db
    .selectFrom('stageTransition')
    .select(['caseId', 'fromStage', 'toStage', 'action', 'at'])
    .where('caseId', 'in', ids)
    .orderBy('caseId')
    .orderBy('at')
    .orderBy('id')
    .execute()
  const history = Map.groupBy(transitions, (t) => t.caseId)
  const followUps = await db
    .selectFrom('timelineEntry')
    .select(({ fn }) => ['caseId', fn.min<string>('occurredAt').as('first')])
    .where('caseId', 'in', ids)
    .where('kind', '=', 'followUp')
    .groupBy('caseId')
    .execute()
  const firstFollowUp = new Map(followUps.map((f) => [f.caseId, f.first.slice(0, 10)]))
  const { calendar, byCase } = await loadClockData(db, ids)

  return cases.map((c) => {
    const parsed = CaseProgress.safeParse(JSON.parse(c.progress))
    const progress = parsed.success ? parsed.data : {}
    const { concludedOn, outcome } = conclusion(
      c.stage,
      progress.agreementEffectiveAt,
      history.get(c.id) ?? [],
    )
    const clock = WORKFLOWS[c.category].clocks.find((k) => k.id === CONCLUSION_CLOCK)
    let conclusionDue: string | null = null
    if (clock) {
      const data = byCase(c.id)
      const at = data.events.get(clock.startEvent) ?? c.acceptedAt
      const run = clockRun(
        clock,
        at,
        data.adjustments.get(clock.id) ?? { pauses: [], extensions: [] },
      )
      const counted = clockDue(clock, run, calendar)
      const result = counted.ok ? counted : clockDue(clock, { start: run.start }, calendar)
      conclusionDue = result.ok ? result.value.due.slice(0, 10) : null
    }
    const closing = (history.get(c.id) ?? []).findLast((t) => t.toStage === 'closed')
    const closedOn = c.stage === 'closed' && closing ? chinaDate(closing.at) : null
    const followed = [progress.followUpAt, firstFollowUp.get(c.id)].filter(
      (d): d is string => d !== undefined,
    )
    return {
      caseId: c.id,
      caseVersion: c.version,
      calendarStamp: stamp,
      category: c.category,
      stage: c.stage,
      source: c.source,
      district: c.district,
      leadMediatorId: c.leadId ?? '',
      acceptedAt: c.acceptedAt,
      conclusionDue,
      concludedOn,
      closedOn,
      outcome: closedOn ? outcome : null,
      durationDays: concludedOn ? daysBetween(c.acceptedAt, concludedOn) : null,
      performanceDue: progress.agreementEffectiveAt ? (progress.performanceDeadline ?? null) : null,
      followedUpOn: followed.sort()[0] ?? null,
    }
  })
}

/**
 * Brings case_fact up to date: every case without a row, or whose row was computed from an
 * older version of the case or another holiday calendar, is recomputed. Cheap when nothing
 * changed (one aggregate over the case table); after a bulk import it computes every case once.
 */
export async function refreshCaseFacts(db: Kysely<Database>): Promise<number> {
  const stamp = await calendarStamp(db)
  const fingerprint = await caseFingerprint(db, stamp)
  if (fresh.get(db) === fingerprint) return 0
  const stale = await db
    .selectFrom('case')
    .leftJoin('caseFact as f', 'f.caseId', 'case.id')
    .select('case.id')
    .where(({ or, eb }) =>
      or([
        eb('f.caseId', 'is', null),
        eb('f.caseVersion', '!=', eb.ref('case.version')),
        eb('f.calendarStamp', '!=', stamp),
      ]),
    )
    .execute()
  const ids = stale.map((row) => row.id)
  for (let i = 0; i < ids.length; i += BATCH) {
    const facts = await computeFacts(db, ids.slice(i, i + BATCH), stamp)
    await db
      .insertInto('caseFact')
      .values(facts)
      .onConflict((oc) =>
        oc
          .column('caseId')
          .doUpdateSet((eb) =>
            Object.fromEntries(FACT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
          ),
      )
      .execute()
  }
  fresh.set(db, await caseFingerprint(db, stamp))
  return ids.length
}
