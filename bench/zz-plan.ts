import { createCore } from '../src/main/core/router'
import { listCases } from '../src/main/core/services/case-list'
import { CaseListQuery } from '../src/shared/schemas/case'
const core = createCore({ dataDir: process.argv[2]! })
const r = await core.handle({ channel: 'auth.unlock', payload: { login: 'zhuguan1', password: 'Bench-Mima-2026' } })
if (!r.ok) throw new Error('unlock')
await core.run(async (ctx) => {
  const { sqlite } = ctx.vault.caseBase()
  const seen: { source: string; args: unknown[] }[] = []
  const original = sqlite.prepare
  sqlite.prepare = ((source: string) => { const st = original.call(sqlite, source); return new Proxy(st, { get(t, p) { const v: any = Reflect.get(t, p); if (p === 'all') return (...a: unknown[]) => { seen.push({ source, args: a }); const s = performance.now(); const res = Reflect.apply(v, t, a); console.log('ms', (performance.now() - s).toFixed(1)); return res }; return typeof v === 'function' ? v.bind(t) : v } }) }) as any
  for (const q of JSON.parse(process.argv[3] ?? '[{}]')) await listCases(ctx, CaseListQuery.parse(q))
  sqlite.prepare = original
  for (const { source, args } of seen) { console.log(source.slice(0, 300)); console.log(sqlite.prepare('EXPLAIN QUERY PLAN ' + source).all(...(args as [])).map((x: any) => x.detail)) }
})
await core.close()
