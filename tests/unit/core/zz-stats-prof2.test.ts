import { it } from 'vitest'
import { openCaseBase } from '../../../src/main/core/db/open'
import { ALL_CASES, windowOf, CASE_SETS } from '../../../src/main/core/stats/indicators'
import { CaseSet } from '../../../src/shared/schemas/statistics'

it('prof2', async () => {
  const base = openCaseBase('/tmp/stats-scale/case.db', Buffer.alloc(32, 7), { create: false })
  const s = base.sqlite
  const w = windowOf({ from: '2025-01-01', to: '2025-12-31' }, new Date('2026-06-01T00:00:00Z'))
  const q = base.db.selectFrom('caseFact as f').where((eb) => eb.or([
    eb.and([eb('f.acceptedAt', '>=', w.from), eb('f.acceptedAt', '<=', w.to)]),
    eb.and([eb('f.closedOn', '>=', w.from), eb('f.closedOn', '<=', w.to)]),
    eb.and([eb('f.performanceDue', '>=', w.from), eb('f.performanceDue', '<=', w.asOf)]),
    eb.and([eb('f.concludedOn', 'is', null), eb('f.acceptedAt', '<=', w.asOf)]),
    eb.and([eb('f.concludedOn', '>', w.asOf), eb('f.acceptedAt', '<=', w.asOf)]),
  ])).select((eb) => ['f.category', 'f.stage', ...CaseSet.options.map((set) => eb.case().when(CASE_SETS[set](eb as never, w)).then(1).else(0).end().as(set))]).compile()
  const time = (label: string, sql: string, params: readonly unknown[]) => {
    const t = performance.now(); const r = s.prepare(sql).all(...params as never[]); console.log(label, (performance.now() - t).toFixed(1), r.length)
  }
  for (let k = 0; k < 2; k++) {
    time('rows', q.sql, q.parameters)
    time('count', `select count(*) from (${q.sql})`, q.parameters)
    time('group1', `with m as materialized (${q.sql}) select category, sum(accepted), sum(closed), sum(open) from m group by category`, q.parameters)
    time('group9', `with m as materialized (${q.sql}) ${Array.from({length: 9}, (_, i) => `select category, sum(accepted), sum(closed), sum(open) from m group by ${i % 2 ? 'category' : 'stage'}`).join(' union all ')}`, q.parameters)
  }
  console.log(s.prepare(`explain query plan ${q.sql}`).all(...q.parameters as never[]).map((r: any) => r.detail))
  await base.close()
}, 600_000)
