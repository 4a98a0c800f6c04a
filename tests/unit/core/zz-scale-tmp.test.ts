import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { openCaseBase } from '../../../src/main/core/db/open'
import { refreshCaseFacts } from '../../../src/main/core/stats/facts'
import { ALL_CASES, figuresAndBreakdowns, windowOf } from '../../../src/main/core/stats/indicators'

it('scale', async () => {
  const file = '/tmp/scale/case.db'
  const fresh = !existsSync(file)
  const base = openCaseBase(file, Buffer.alloc(32, 7), { create: fresh })
  await migrateCaseBase(base, { safetyDir: join('/tmp/scale', 'safety') })
  const s = base.sqlite
  if (fresh) {
    const at = '2026-01-01T00:00:00.000Z'
    const users = Array.from({ length: 20 }, (_, i) => `u${i}`)
    for (const u of users) s.prepare(`INSERT INTO user (id, login, display_name, role, created_at, updated_at) VALUES (?, ?, ?, 'mediator', ?, ?)`).run(u, u, '调解员' + u, at, at)
    const cats = ['family', 'expropriation', 'petition', 'owners']
    const stages = ['intake', 'rightsNotice', 'mediation', 'agreement', 'performance', 'closed', 'closed', 'closed', 'terminated']
    const districts = ['huangpu', 'xuhui', 'pudong', 'jingan']
    const insCase = s.prepare(`INSERT INTO "case" (id, number, year, category, seq, stage, source, summary, district, street, risk_level, accepted_at, details, progress, version, created_by, created_at, updated_at) VALUES (?, ?, 2026, ?, ?, ?, 'application', '邻里纠纷 张三', ?, '外滩街道', 'low', ?, ?, ?, 1, 'u0', ?, ?)`)
    const insMed = s.prepare(`INSERT INTO case_mediator (case_id, user_id, role) VALUES (?, ?, 'lead')`)
    const insTr = s.prepare(`INSERT INTO stage_transition (case_id, from_stage, to_stage, action, actor_id, other_routes_notice, at) VALUES (?, ?, ?, ?, 'u0', 0, ?)`)
    s.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const id = `c${i}`
        const day = new Date(Date.UTC(2021, 0, 1) + (i % 2150) * 86400000).toISOString().slice(0, 10)
        const stage = stages[i % stages.length]!
        const cat = cats[i % 4]!
        const agreed = ['agreement', 'performance', 'closed'].includes(stage)
        insCase.run(id, `N${String(i).padStart(6, '0')}`, cat, i + 1, stage, districts[i % 4], day, JSON.stringify({ category: cat }), JSON.stringify(agreed ? { agreementEffectiveAt: day, performanceDeadline: day, followUpAt: day } : {}), at, at)
        insMed.run(id, users[i % 20])
        if (stage === 'closed') insTr.run(id, 'performance', 'closed', 'close', `${day}T05:00:00.000Z`)
        if (stage === 'terminated') insTr.run(id, 'mediation', 'terminated', 'terminate', `${day}T05:00:00.000Z`)
      }
    })()
  }
  let t = performance.now()
  console.log('refresh', await refreshCaseFacts(base.db), performance.now() - t)
  for (const period of [{ from: '2026-01-01', to: '2026-11-25' }, { from: '2021-01-01', to: '2026-11-25' }, { from: '2026-03-01', to: '2026-03-31' }]) {
    const times: number[] = []
    for (let k = 0; k < 5; k++) {
      t = performance.now()
      await refreshCaseFacts(base.db)
      await figuresAndBreakdowns(base.db, ALL_CASES, {}, windowOf(period, new Date('2026-11-25T02:00:00Z')))
      times.push(performance.now() - t)
    }
    console.log('dashboard', period.from, times.map((x) => x.toFixed(0)).join(' '))
  }
  await base.close()
}, 900_000)
