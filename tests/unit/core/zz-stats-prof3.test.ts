import { it } from 'vitest'
import { openCaseBase } from '../../../src/main/core/db/open'
import { beginExport, finishExport, nextChunk } from '../../../src/main/core/stats/case-export'
import { createI18n } from '../../../src/shared/i18n'

it('prof3', async () => {
  const base = openCaseBase('/tmp/stats-scale/case.db', Buffer.alloc(32, 7), { create: false })
  const t2 = createI18n('zh-CN').t
  for (const [format, view] of [['csv', 'full'], ['csv', 'masked'], ['xlsx', 'masked']] as const) {
    const t = performance.now()
    const user = { id: 'sup', role: 'supervisor' } as never
    let p = await beginExport(base.db, user, { query: {}, format, columns: ['number', 'category', 'stage', 'source', 'district', 'street', 'riskLevel', 'acceptedAt', 'closedOn', 'leadMediator', 'summary', 'parties', 'idNumbers', 'phones'], view, includeRestricted: false }, t2, new Date())
    console.log('begin', performance.now() - t)
    while (p.done < p.total) p = await nextChunk(base.db, user, p.exportId)
    console.log('chunks', performance.now() - t)
    const f = await finishExport(base.db, user, p.exportId, '2026-06-01')
    console.log('export', format, view, 'ms', performance.now() - t, 'bytes', f.data.length)
  }
  await base.close()
}, 600_000)
