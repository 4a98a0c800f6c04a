import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { openCaseBase } from '../../../src/main/core/db/open'
import { refreshCaseFacts } from '../../../src/main/core/stats/facts'
import { ALL_CASES, breakdowns, totals, windowOf } from '../../../src/main/core/stats/indicators'
import { beginExport, finishExport, nextChunk } from '../../../src/main/core/stats/case-export'
import { createI18n } from '../../../src/shared/i18n'
import { tempDir } from '../../support/core'

it("scale", async () => {
  const N = 100_000
  const data = { dir: '/tmp/stats-scale', remove() {} }
  const { existsSync, mkdirSync } = await import('node:fs')
  const fresh = !existsSync('/tmp/stats-scale/case.db')
  mkdirSync('/tmp/stats-scale', { recursive: true })
  const base = openCaseBase(join(data.dir, 'case.db'), Buffer.alloc(32, 7), { create: fresh })
  await migrateCaseBase(base, { safetyDir: join(data.dir, 'safety') })
  if (!fresh) { await base.db.deleteFrom('caseFact').execute() }
  if (fresh) {
  const s = base.sqlite
  const at = '2026-01-01T00:00:00.000Z'
  s.prepare(`INSERT INTO user (id, login, display_name, role, created_at, updated_at) VALUES (?, ?, ?, 'mediator', ?, ?)`)
  const users = Array.from({ length: 20 }, (_, i) => `u${i}`)
  for (const u of users) s.prepare(`INSERT INTO user (id, login, display_name, role, created_at, updated_at) VALUES (?, ?, ?, 'mediator', ?, ?)`).run(u, u, '调解员' + u, at, at)
  const cats = ['family', 'expropriation', 'petition', 'owners']
  const stages = ['mediation', 'closed', 'closed', 'closed', 'terminated', 'performance']
  const districts = ['huangpu', 'xuhui', 'pudong', 'jingan']
  const insCase = s.prepare(`INSERT INTO "case" (id, number, year, category, seq, stage, source, summary, district, street, risk_level, accepted_at, details, progress, version, created_by, created_at, updated_at) VALUES (?, ?, 2026, ?, ?, ?, 'application', '邻里纠纷 张三', ?, '外滩街道', 'low', ?, ?, ?, 1, 'u0', ?, ?)`)
  const insMed = s.prepare(`INSERT INTO case_mediator (case_id, user_id, role) VALUES (?, ?, 'lead')`)
  const insTr = s.prepare(`INSERT INTO stage_transition (case_id, from_stage, to_stage, action, actor_id, other_routes_notice, at) VALUES (?, ?, ?, ?, 'u0', 0, ?)`)
  const insParty = s.prepare(`INSERT INTO party (id, case_id, kind, name, role, id_type, id_number, phone, address, civil_capacity, minor, legal_basis, sensitive_consent, created_at, updated_at) VALUES (?, ?, 'person', '张三丰', 'applicant', 'residentId', '31010119800101123X', '13812345678', '上海市黄浦区外滩1号', 'full', 0, 'consent', 0, ?, ?)`)

  const t0 = performance.now()
  ;s.transaction(() => {
    for (let i = 0; i < N; i++) {
      const id = `c${i}`
      const day = new Date(Date.UTC(2023, 0, 1) + (i % 1200) * 86400000).toISOString().slice(0, 10)
      const stage = stages[i % stages.length]!
      const cat = cats[i % 4]!
      insCase.run(id, `N${String(i).padStart(6, '0')}`, cat, i + 1, stage, districts[i % 4], day, JSON.stringify({ category: cat }), JSON.stringify(stage === 'closed' ? { agreementEffectiveAt: day, performanceDeadline: day, followUpAt: day } : {}), at, at)
      insMed.run(id, users[i % 20])
      if (stage === 'closed') insTr.run(id, 'performance', 'closed', 'close', `${day}T05:00:00.000Z`)
      if (stage === 'terminated') insTr.run(id, 'mediation', 'terminated', 'terminate', `${day}T05:00:00.000Z`)
      insParty.run(`p${i}a`, id, at, at)
      insParty.run(`p${i}b`, id, at, at)
    }
  })()
  console.log('seed ms', performance.now() - t0)
  }
  let t = performance.now()
  expect(await refreshCaseFacts(base.db)).toBe(N)
  console.log('refresh all ms', performance.now() - t)
  for (const period of [{ from: '2025-01-01', to: '2025-12-31' }, { from: '2025-03-01', to: '2025-03-31' }]) {
    for (let k = 0; k < 3; k++) {
      t = performance.now()
      await refreshCaseFacts(base.db)
      const w = windowOf(period, new Date('2026-06-01T00:00:00Z'))
      const tot = await totals(base.db, ALL_CASES, {}, w)
      await breakdowns(base.db, ALL_CASES, {}, w)
      console.log('dashboard ms', period.from, performance.now() - t, JSON.stringify(tot.counts))
    }
  }
  const t2 = createI18n('zh-CN').t
  for (const format of ['xlsx', 'csv'] as const) {
    t = performance.now()
    const user = { id: 'sup', role: 'supervisor' } as never
    let p = await beginExport(base.db, user, { query: {}, format, columns: ['number', 'category', 'stage', 'source', 'district', 'street', 'riskLevel', 'acceptedAt', 'closedOn', 'leadMediator', 'summary', 'parties', 'idNumbers', 'phones'], view: 'masked', includeRestricted: false }, t2, new Date())
    while (p.done < p.total) p = await nextChunk(base.db, user, p.exportId)
    const f = await finishExport(base.db, user, p.exportId, '2026-06-01')
    console.log('export', format, 'ms', performance.now() - t, 'bytes', f.data.length)
  }
  await base.close()
  data.remove()
}, 600_000)
