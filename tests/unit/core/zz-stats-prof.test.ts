import { join } from 'node:path'
import { it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { openCaseBase } from '../../../src/main/core/db/open'
import { refreshCaseFacts } from '../../../src/main/core/stats/facts'
import { ALL_CASES, figuresAndBreakdowns, windowOf } from '../../../src/main/core/stats/indicators'

it('prof', async () => {
  const base = openCaseBase('/tmp/stats-scale/case.db', Buffer.alloc(32, 7), { create: false })
  await migrateCaseBase(base, { safetyDir: join('/tmp/stats-scale', 'safety') })
  await refreshCaseFacts(base.db)
  const s = base.sqlite
  for (let k = 0; k < 3; k++) {
    let t = performance.now()
    s.prepare('select count(*), sum(version) from "case"').get()
    console.log('fingerprint', performance.now() - t)
    t = performance.now()
    await refreshCaseFacts(base.db)
    console.log('refresh noop', performance.now() - t)
    for (const period of [{ from: '2025-01-01', to: '2025-12-31' }, { from: '2025-03-01', to: '2025-03-31' }]) {
      t = performance.now()
      await figuresAndBreakdowns(base.db, ALL_CASES, {}, windowOf(period, new Date('2026-06-01T00:00:00Z')))
      console.log('aggregate', period.from, performance.now() - t)
    }
    t = performance.now()
    s.prepare("select count(*) from case_fact where accepted_at between '2025-01-01' and '2025-12-31'").get()
    console.log('simple count', performance.now() - t)
    t = performance.now()
    s.prepare("select count(*), sum(duration_days) from case_fact").get()
    console.log('full scan case_fact', performance.now() - t)
  }
  console.log(s.prepare('explain query plan select count(*), sum(version) from "case"').all())
  await base.close()
}, 600_000)
