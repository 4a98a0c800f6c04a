import { it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { call, eachTestWithStaff } from '../../support/core'
import { ledgerRow, xlsxLedger } from '../../support/ledger'

let core: Core
eachTestWithStaff({ who: (s) => s.supervisor.login }, (env) => ({ core } = env))

it('measures', async () => {
  const n = 20_000
  let t = performance.now()
  const rows = Array.from({ length: n }, (_, i) => ledgerRow(i + 1, { 案件编号: i % 2 ? null : `TZ-${i}` }))
  const bytes = await xlsxLedger(rows)
  console.log('build', Math.round(performance.now() - t), 'ms', bytes.byteLength, 'bytes')
  t = performance.now()
  const opened = await call(core, 'import.open', { fileName: 'big.xlsx', bytes })
  console.log('open', Math.round(performance.now() - t))
  let checked = 0
  const times: number[] = []
  while (checked < n) {
    const s = performance.now()
    const r = await call(core, 'import.check', { importId: opened.importId, mapping: opened.suggested, offset: checked, limit: 1000 })
    times.push(performance.now() - s)
    checked = r.checked
    if (r.problems.length) console.log(r.problems.slice(0, 3))
  }
  console.log('check chunks max', Math.round(Math.max(...times)), 'total', Math.round(times.reduce((a, b) => a + b)))
  t = performance.now()
  const res = await call(core, 'import.commit', { importId: opened.importId, mapping: opened.suggested })
  console.log('commit', res, Math.round(performance.now() - t))
}, 600_000)
