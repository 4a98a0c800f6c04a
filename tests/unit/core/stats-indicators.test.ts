import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { openCaseBase, type CaseBase } from '../../../src/main/core/db/open'
import { conclusion, refreshCaseFacts } from '../../../src/main/core/stats/facts'
import {
  ALL_CASES,
  breakdowns,
  drilldown,
  membership,
  totals,
  windowOf,
  type Window,
} from '../../../src/main/core/stats/indicators'
import type { CaseCategory } from '../../../src/shared/domain/workflow/types'
import { tempDir } from '../../support/core'

/**
 * Every indicator against a hand-built case set whose figures were worked out by hand (the
 * comments on each case say how). Period: March 2026, computed on 10 April, so open and
 * overdue are judged on 31 March. The one-month target: from the day after acceptance to the
 * same-numbered day of the next month, moved to the next working day when that is a holiday.
 */
let data: ReturnType<typeof tempDir>
let base: CaseBase
const MARCH: Window = windowOf(
  { from: '2026-03-01', to: '2026-03-31' },
  new Date('2026-04-10T02:00:00Z'),
)

interface Spec {
  number: string
  category: CaseCategory
  acceptedAt: string
  stage: string
  lead: 'm1' | 'm2'
  co?: 'm1' | 'm2'
  district?: string
  source?: string
  progress?: Record<string, string>
  /** [from, to, action, at (UTC)] */
  moves?: [string, string, string, string][]
  followUpEntry?: string
  extensionMonths?: number
}

const CASES: Spec[] = [
  // A: due 03-10; agreement took effect 03-05 (on time, 23 days); closed 03-20; performance
  // due 03-15, followed up 03-16.
  {
    number: 'A',
    category: 'family',
    acceptedAt: '2026-02-10',
    stage: 'closed',
    lead: 'm1',
    progress: {
      agreementEffectiveAt: '2026-03-05',
      performanceDeadline: '2026-03-15',
      followUpAt: '2026-03-16',
    },
    moves: [
      ['mediation', 'agreement', 'advance', '2026-03-04T02:00:00.000Z'],
      ['agreement', 'performance', 'advance', '2026-03-05T02:00:00.000Z'],
      ['performance', 'closed', 'close', '2026-03-20T02:00:00.000Z'],
    ],
  },
  // B: accepted in March, due 04-02; terminated 03-25 (on time, 23 days), closed 03-28.
  {
    number: 'B',
    category: 'petition',
    acceptedAt: '2026-03-02',
    stage: 'closed',
    lead: 'm2',
    district: 'xuhui',
    source: 'petitionTransfer',
    moves: [
      ['mediation', 'terminated', 'terminate', '2026-03-25T03:00:00.000Z'],
      ['terminated', 'closed', 'close', '2026-03-28T03:00:00.000Z'],
    ],
  },
  // C: closed at 04:00 on 1 April in Shanghai (20:00 UTC on 31 March): not closed in March.
  {
    number: 'C',
    category: 'owners',
    acceptedAt: '2026-01-05',
    stage: 'closed',
    lead: 'm1',
    district: 'pudong',
    progress: { agreementEffectiveAt: '2026-03-01', performanceDeadline: '2026-04-30' },
    moves: [['performance', 'closed', 'close', '2026-03-31T20:00:00.000Z']],
  },
  // D: accepted in March, in mediation, due 04-10: open, not overdue. m2 is co-mediator.
  {
    number: 'D',
    category: 'expropriation',
    acceptedAt: '2026-03-10',
    stage: 'mediation',
    lead: 'm1',
    co: 'm2',
    source: 'courtEntrusted',
  },
  // E: due 03-01 is a Sunday, so 03-02: open and overdue on 03-31.
  { number: 'E', category: 'family', acceptedAt: '2026-02-01', stage: 'mediation', lead: 'm1' },
  // F: due 03-20, extended by one month to 04-20: open, not overdue.
  {
    number: 'F',
    category: 'owners',
    acceptedAt: '2026-02-20',
    stage: 'mediation',
    lead: 'm1',
    district: 'jingan',
    extensionMonths: 1,
  },
  // G: due 02-10, agreement 03-02 (late, 51 days), closed 03-12; performance due 04-15.
  {
    number: 'G',
    category: 'family',
    acceptedAt: '2026-01-10',
    stage: 'closed',
    lead: 'm1',
    progress: { agreementEffectiveAt: '2026-03-02', performanceDeadline: '2026-04-15' },
    moves: [['performance', 'closed', 'close', '2026-03-12T02:00:00.000Z']],
  },
  // H: accepted in March, agreement 03-20, performance due 03-25, no follow-up yet.
  {
    number: 'H',
    category: 'petition',
    acceptedAt: '2026-03-05',
    stage: 'performance',
    lead: 'm1',
    progress: { agreementEffectiveAt: '2026-03-20', performanceDeadline: '2026-03-25' },
    moves: [['mediation', 'agreement', 'advance', '2026-03-19T02:00:00.000Z']],
  },
  // I: terminated 03-03, reopened 03-06: open again; due 03-16: overdue.
  {
    number: 'I',
    category: 'family',
    acceptedAt: '2026-02-15',
    stage: 'mediation',
    lead: 'm1',
    moves: [
      ['mediation', 'terminated', 'terminate', '2026-03-03T02:00:00.000Z'],
      ['terminated', 'mediation', 'reopen', '2026-03-06T02:00:00.000Z'],
    ],
  },
  // J: accepted after the period: in no figure.
  { number: 'J', category: 'family', acceptedAt: '2026-04-02', stage: 'intake', lead: 'm1' },
]

async function build(db: CaseBase['db']) {
  const at = '2026-01-01T00:00:00.000Z'
  for (const id of ['m1', 'm2']) {
    await db
      .insertInto('user')
      .values({
        id,
        login: id,
        displayName: `调解员${id}`,
        role: 'mediator',
        disabledAt: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute()
  }
  for (const spec of CASES) {
    const id = `case-${spec.number}`
    await db
      .insertInto('case')
      .values({
        id,
        number: spec.number,
        year: 2026,
        category: spec.category,
        seq: CASES.indexOf(spec) + 1,
        stage: spec.stage,
        source: (spec.source ?? 'application') as never,
        summary: '测试',
        district: (spec.district ?? 'huangpu') as never,
        street: '',
        riskLevel: 'low',
        acceptedAt: spec.acceptedAt,
        details: JSON.stringify({ category: spec.category }),
        progress: JSON.stringify(spec.progress ?? {}),
        version: 1,
        createdBy: 'm1',
        createdAt: at,
        updatedAt: at,
      })
      .execute()
    await db
      .insertInto('caseMediator')
      .values({ caseId: id, userId: spec.lead, role: 'lead' })
      .execute()
    if (spec.co) {
      await db
        .insertInto('caseMediator')
        .values({ caseId: id, userId: spec.co, role: 'co' })
        .execute()
    }
    await db
      .insertInto('caseEvent')
      .values({ caseId: id, eventId: 'accepted', at: spec.acceptedAt, recordedBy: 'm1' })
      .execute()
    for (const [fromStage, toStage, action, when] of spec.moves ?? []) {
      await db
        .insertInto('stageTransition')
        .values({
          caseId: id,
          fromStage,
          toStage,
          action: action as never,
          actorId: 'm1',
          approvedById: null,
          reason: null,
          otherRoutesNotice: 0,
          overrideReason: null,
          at: when,
        })
        .execute()
    }
    if (spec.extensionMonths) {
      await db
        .insertInto('clockAdjustment')
        .values({
          id: `ext-${spec.number}`,
          caseId: id,
          clockId: 'practiceConclusion',
          kind: 'extension',
          pauseFrom: null,
          pauseTo: null,
          length: spec.extensionMonths,
          reason: '当事人申请延期',
          approvedById: 'm2',
          recordedBy: 'm1',
          recordedAt: at,
        })
        .execute()
    }
  }
}

beforeAll(async () => {
  data = tempDir()
  base = openCaseBase(join(data.dir, 'case.db'), randomBytes(32), { create: true })
  await migrateCaseBase(base, { safetyDir: join(data.dir, 'safety') })
  await build(base.db)
  expect(await refreshCaseFacts(base.db)).toBe(CASES.length)
})
afterAll(async () => {
  await base.close()
  data.remove()
})

const numbers = async (
  set: Parameters<typeof drilldown>[4]['set'],
  group?: { dimension: 'category'; key: string },
) =>
  (await drilldown(base.db, ALL_CASES, {}, MARCH, { set, group, offset: 0, limit: 100 })).rows
    .map((r) => r.number)
    .sort()

describe('derived case facts', () => {
  it('counts the one-month target with holidays and extensions, and dates in China time', async () => {
    const facts = await base.db
      .selectFrom('caseFact')
      .innerJoin('case', 'case.id', 'caseFact.caseId')
      .select([
        'case.number',
        'conclusionDue',
        'concludedOn',
        'closedOn',
        'outcome',
        'durationDays',
      ])
      .orderBy('case.number')
      .execute()
    const by = Object.fromEntries(facts.map((f) => [f.number, f]))
    expect(by.A).toMatchObject({
      conclusionDue: '2026-03-10',
      concludedOn: '2026-03-05',
      closedOn: '2026-03-20',
      outcome: 'agreement',
      durationDays: 23,
    })
    expect(by.B).toMatchObject({
      conclusionDue: '2026-04-02',
      concludedOn: '2026-03-25',
      closedOn: '2026-03-28',
      outcome: 'termination',
    })
    expect(by.C).toMatchObject({ closedOn: '2026-04-01' })
    expect(by.E).toMatchObject({ conclusionDue: '2026-03-02', concludedOn: null })
    expect(by.F).toMatchObject({ conclusionDue: '2026-04-20' })
    expect(by.I).toMatchObject({ concludedOn: null, conclusionDue: '2026-03-16' })
  })

  it('recomputes only what changed, and a case write makes its row stale', async () => {
    expect(await refreshCaseFacts(base.db)).toBe(0)
    await base.db.updateTable('case').set({ version: 2 }).where('number', '=', 'J').execute()
    expect(await refreshCaseFacts(base.db)).toBe(1)
    await base.db.updateTable('case').set({ version: 1 }).where('number', '=', 'J').execute()
    expect(await refreshCaseFacts(base.db)).toBe(1)
  })

  it('a reopening undoes the conclusion before it', () => {
    const moves = [
      {
        fromStage: 'mediation',
        toStage: 'terminated',
        action: 'terminate',
        at: '2026-03-03T02:00:00Z',
      },
      {
        fromStage: 'terminated',
        toStage: 'mediation',
        action: 'reopen',
        at: '2026-03-06T02:00:00Z',
      },
    ]
    expect(conclusion('mediation', undefined, moves)).toEqual({ concludedOn: null, outcome: null })
    expect(conclusion('terminated', undefined, moves.slice(0, 1))).toEqual({
      concludedOn: '2026-03-03',
      outcome: 'termination',
    })
  })
})

describe('indicators over March 2026, hand-computed', () => {
  it('totals: every count, rate and the average', async () => {
    const figures = await totals(base.db, ALL_CASES, {}, MARCH)
    expect(MARCH.asOf).toBe('2026-03-31')
    expect(figures.counts).toEqual({
      accepted: 3, // B, D, H
      closed: 3, // A, B, G (C closed 1 April in Shanghai)
      agreed: 2, // A, G
      onTime: 2, // A, B
      open: 4, // D, E, F, I
      overdue: 2, // E, I
      followUpDue: 2, // A, H
      followedUp: 1, // A
    })
    expect(figures.rates).toEqual({ agreementRate: 0.6667, onTimeRate: 0.6667, followUpRate: 0.5 })
    expect(figures.averageDays).toBe(32.3) // (23 + 23 + 51) / 3
  })

  it('every figure drills down to exactly its cases', async () => {
    expect(await numbers('accepted')).toEqual(['B', 'D', 'H'])
    expect(await numbers('closed')).toEqual(['A', 'B', 'G'])
    expect(await numbers('agreed')).toEqual(['A', 'G'])
    expect(await numbers('onTime')).toEqual(['A', 'B'])
    expect(await numbers('open')).toEqual(['D', 'E', 'F', 'I'])
    expect(await numbers('overdue')).toEqual(['E', 'I'])
    expect(await numbers('followUpDue')).toEqual(['A', 'H'])
    expect(await numbers('followedUp')).toEqual(['A'])
    expect(await numbers('closed', { dimension: 'category', key: 'family' })).toEqual(['A', 'G'])
  })

  it('breakdowns by category, district, source, mediator and month', async () => {
    const tables = await breakdowns(base.db, ALL_CASES, {}, MARCH)
    const row = (dimension: keyof typeof tables, key: string) =>
      tables[dimension].find((r) => r.key === key)?.figures.counts
    expect(row('category', 'family')).toMatchObject({
      accepted: 0,
      closed: 2,
      agreed: 2,
      onTime: 1,
      open: 2,
      overdue: 2,
      followUpDue: 1,
      followedUp: 1,
    })
    expect(row('category', 'petition')).toMatchObject({
      accepted: 2,
      closed: 1,
      onTime: 1,
      followUpDue: 1,
      followedUp: 0,
    })
    expect(row('category', 'expropriation')).toMatchObject({ accepted: 1, open: 1 })
    expect(row('district', 'xuhui')).toMatchObject({ accepted: 1, closed: 1 })
    expect(row('source', 'courtEntrusted')).toMatchObject({ accepted: 1, open: 1 })
    expect(row('mediator', 'm1')).toMatchObject({ accepted: 2, closed: 2, open: 4, overdue: 2 })
    expect(row('mediator', 'm2')).toMatchObject({ accepted: 1, closed: 1, open: 0 })
    expect(tables.mediator.find((r) => r.key === 'm2')?.label).toBe('调解员m2')
    expect(tables.stage.find((r) => r.key === 'mediation')?.figures.counts.open).toBe(4)
    // Months of the period only; open cases accepted in February are not a March row.
    expect(tables.month.map((r) => r.key)).toEqual(['2026-03'])
    expect(row('month', '2026-03')).toMatchObject({
      accepted: 3,
      closed: 3,
      followUpDue: 2,
      open: 1,
    })
    expect(tables.category.find((r) => r.key === 'family')?.figures.averageDays).toBe(37) // (23 + 51) / 2
  })

  it('a mediator sees the figures of the cases they work on (lead or co)', async () => {
    const figures = await totals(base.db, { mediatorId: 'm2' }, {}, MARCH)
    expect(figures.counts).toMatchObject({ accepted: 2, closed: 1, open: 1, overdue: 0 })
  })

  it('filters narrow every figure', async () => {
    const family = await totals(base.db, ALL_CASES, { category: 'family' }, MARCH)
    expect(family.counts).toMatchObject({ accepted: 0, closed: 2, open: 2 })
    const pudong = await totals(base.db, ALL_CASES, { district: 'pudong' }, MARCH)
    expect(pudong.counts.closed).toBe(0)
    expect(pudong.rates.agreementRate).toBeNull()
  })

  it('the report sheet marks each case with the figures it is counted in', async () => {
    const rows = await membership(base.db, ALL_CASES, {}, MARCH)
    expect(rows.map((r) => r.number)).toEqual(['A', 'B', 'D', 'E', 'F', 'G', 'H', 'I'])
    expect(rows.find((r) => r.number === 'A')?.sets).toEqual([
      'closed',
      'agreed',
      'onTime',
      'followUpDue',
      'followedUp',
    ])
    expect(rows.find((r) => r.number === 'E')?.sets).toEqual(['open', 'overdue'])
  })
})
