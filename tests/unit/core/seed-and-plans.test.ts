import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkResidentId } from '../../../src/shared/domain/resident-id'
import { WORKFLOWS } from '../../../src/shared/domain/workflow'
import { CaseListQuery } from '../../../src/shared/schemas/case'
import { seedCaseBase } from '../../../src/main/core/demo/seed'
import { createCore, type LocalCore } from '../../../src/main/core/router'
import { listCases } from '../../../src/main/core/services/case-list'
import { searchCases } from '../../../src/main/core/search/query'
import { TEST_SCRYPT_COST, tempDir } from '../../support/core'

const PASSWORD = 'Yanshi-Mima-2026'
const OPTIONS = { password: PASSWORD, today: '2026-11-20', scryptCost: TEST_SCRYPT_COST }
const dirs = [tempDir(), tempDir(), tempDir(), tempDir()]
let core: LocalCore

/** Everything a seeded case base holds that does not depend on generated account ids. */
async function contents(dir: string) {
  const seeded = createCore({ dataDir: dir, scryptCost: TEST_SCRYPT_COST })
  const unlocked = await seeded.handle({
    channel: 'auth.unlock',
    payload: { login: 'zhuguan1', password: PASSWORD },
  })
  expect(unlocked.ok).toBe(true)
  try {
    return await seeded.run(async (ctx) => {
      const { db } = ctx.vault.caseBase()
      return {
        cases: await db
          .selectFrom('case')
          .select(['id', 'number', 'stage', 'summary', 'acceptedAt', 'details', 'nextDue'])
          .orderBy('number')
          .execute(),
        parties: await db
          .selectFrom('party')
          .select(['name', 'idNumber', 'phone', 'address'])
          .orderBy('id')
          .execute(),
        entries: await db
          .selectFrom('timelineEntry')
          .select(['caseId', 'kind', 'body', 'occurredAt'])
          .orderBy('id')
          .execute(),
        households: await db
          .selectFrom('household')
          .select(['caseId', 'unit'])
          .orderBy('id')
          .execute(),
      }
    })
  } finally {
    await seeded.close()
  }
}

beforeAll(async () => {
  await seedCaseBase(dirs[0]!.dir, { ...OPTIONS, cases: 120, seed: 5 })
  await seedCaseBase(dirs[1]!.dir, { ...OPTIONS, cases: 120, seed: 5 })
  await seedCaseBase(dirs[2]!.dir, { ...OPTIONS, cases: 120, seed: 6 })
  // Enough cases for the planner's statistics (the seed runs ANALYZE) to prefer what it would
  // at 100,000: on a handful of rows a table scan is the cheaper plan.
  await seedCaseBase(dirs[3]!.dir, { ...OPTIONS, cases: 800, seed: 7 })
  core = createCore({ dataDir: dirs[3]!.dir, scryptCost: TEST_SCRYPT_COST })
  const result = await core.handle({
    channel: 'auth.unlock',
    payload: { login: 'zhuguan1', password: PASSWORD },
  })
  expect(result.ok).toBe(true)
}, 120_000)
afterAll(async () => {
  await core.close()
  for (const dir of dirs) dir.remove()
})

describe('the demo seed', () => {
  it('gives the same case base for the same seed, and another for another seed', async () => {
    const [a, b, c] = [
      await contents(dirs[0]!.dir),
      await contents(dirs[1]!.dir),
      await contents(dirs[2]!.dir),
    ]
    expect(a.cases).toHaveLength(120)
    expect(b).toEqual(a)
    expect(c.parties).not.toEqual(a.parties)
  })

  it('holds realistic Shanghai data: valid resident IDs, phones, every category and stage', async () => {
    const { cases, parties, entries, households } = await contents(dirs[0]!.dir)
    for (const p of parties.filter((p) => p.idNumber)) {
      expect(checkResidentId(p.idNumber ?? '', '2026-11-20').valid, p.idNumber ?? '').toBe(true)
      expect(p.idNumber?.slice(0, 2)).toBe('31')
    }
    for (const p of parties.filter((p) => p.phone && !p.phone.startsWith('021'))) {
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/)
    }
    for (const [category, definition] of Object.entries(WORKFLOWS)) {
      const stages = new Set(
        cases.filter((c) => JSON.parse(c.details).category === category).map((c) => c.stage),
      )
      expect([...stages].sort(), category).toEqual(definition.stages.map((s) => s.id).sort())
    }
    expect(households.length).toBeGreaterThan(0)
    expect(new Set(entries.map((e) => e.kind))).toEqual(
      new Set(['session', 'investigation', 'call', 'visit', 'followUp', 'note']),
    )
    expect(cases.filter((c) => c.nextDue !== null).length).toBeGreaterThan(0)
  })
})

/** Every statement a piece of core work prepares, with the parameters it ran with. */
async function statementsOf(work: Parameters<LocalCore['run']>[0]) {
  return core.run(async (ctx) => {
    const { sqlite } = ctx.vault.caseBase()
    const seen: { source: string; args: unknown[] }[] = []
    const original = sqlite.prepare
    sqlite.prepare = ((source: string) => {
      const statement = original.call(sqlite, source)
      return new Proxy(statement, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop)
          if (prop === 'all' || prop === 'get') {
            return (...args: unknown[]) => {
              seen.push({ source, args })
              return Reflect.apply(value as () => unknown, target, args) as unknown
            }
          }
          return typeof value === 'function' ? (value as () => unknown).bind(target) : value
        },
      })
    }) as typeof sqlite.prepare
    try {
      await work(ctx)
    } finally {
      sqlite.prepare = original
    }
    const plans: string[] = []
    for (const { source, args } of seen) {
      const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...(args as [])) as {
        detail: string
      }[]
      plans.push(...rows.map((row) => row.detail))
    }
    return plans
  })
}

/** "SCAN case" without an index, or any other full scan of a table that grows with the cases. */
const FULL_SCAN =
  /^SCAN (case|party|timeline_entry|household|search_doc|case_mediator)\b(?!.*USING)|^SCAN lead\b/
/**
 * A sort of every match. The default order under each filter, and each order unfiltered, must
 * come off an index in order; filters that pick a set first (overdue, text, dates) may sort
 * that set.
 */
const FULL_SORT = /^USE TEMP B-TREE FOR ORDER BY/
const SORTS_A_SET = new Set(['overdue', 'notOverdue', 'text', 'accepted'])

describe('query plans at scale', () => {
  const queries: Record<string, object> = {
    default: {},
    category: { category: 'family' },
    stage: { stage: 'mediation' },
    district: { district: 'pudong' },
    risk: { riskLevel: 'high' },
    overdue: { overdue: true },
    notOverdue: { overdue: false },
    accepted: { acceptedFrom: '2026-01-01', acceptedTo: '2026-06-30' },
    text: { text: '王' },
    nextDue: { sort: 'nextDue', direction: 'asc' },
    number: { sort: 'number' },
    updated: { sort: 'updatedAt' },
  }
  for (const [name, query] of Object.entries(queries)) {
    it(`lists without a full table scan: ${name}`, async () => {
      const plans = await statementsOf((ctx) => listCases(ctx, CaseListQuery.parse(query)))
      expect(plans.length).toBeGreaterThan(0)
      expect(plans.filter((detail) => FULL_SCAN.test(detail))).toEqual([])
      if (!SORTS_A_SET.has(name)) {
        expect(plans.filter((detail) => FULL_SORT.test(detail))).toEqual([])
      }
    })
  }

  it("lists a mediator's cases and a later page without a full table scan", async () => {
    const mediator = await core.run(async (ctx) =>
      ctx.vault
        .caseBase()
        .db.selectFrom('user')
        .select('id')
        .where('login', '=', 'tiaojie01')
        .executeTakeFirstOrThrow(),
    )
    const first = await core.run((ctx) => listCases(ctx, CaseListQuery.parse({ limit: 10 })))
    for (const query of [
      { mediatorId: mediator.id },
      { after: first.next ?? undefined, limit: 10 },
    ]) {
      const plans = await statementsOf((ctx) => listCases(ctx, CaseListQuery.parse(query)))
      expect(plans.filter((detail) => FULL_SCAN.test(detail))).toEqual([])
    }
  })

  it('searches through the index, never a scan of the case tables', async () => {
    const plans = await statementsOf(async (ctx) => {
      const user = ctx.vault.user
      if (!user) throw new Error('locked')
      await searchCases(ctx.vault.caseBase().db, user, '调解', 10)
      await searchCases(ctx.vault.caseBase().db, { ...user, role: 'mediator' }, '张伟 1391', 10)
    })
    expect(plans.some((detail) => /search_(case|record)_fts VIRTUAL TABLE/.test(detail))).toBe(true)
    expect(plans.filter((detail) => FULL_SCAN.test(detail))).toEqual([])
  })
})
