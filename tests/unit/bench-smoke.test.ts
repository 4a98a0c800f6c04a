import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { runBench, table, TARGETS } from '../../bench/bench'
import { TEST_SCRYPT_COST, tempDir } from '../support/core'

const data = tempDir('concord-bench-')
afterAll(() => data.remove())

it('runs the benchmark end to end on 1,000 cases and writes one flat JSON object', async () => {
  const out = join(data.dir, 'results.json')
  await runBench({
    cases: 1000,
    cacheDir: join(data.dir, 'cache'),
    out,
    rounds: 2,
    scryptCost: TEST_SCRYPT_COST,
    workerFile: 'out/main/worker.js',
  })
  const figures = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>
  expect(figures.cases).toBe(1000)
  for (const value of Object.values(figures)) {
    expect(['number', 'string', 'object']).toContain(typeof value)
    if (typeof value === 'object') expect(value).toBeNull()
  }
  for (const name of [...Object.keys(TARGETS), 'unlock_ms', 'rss_mb']) {
    expect(figures, name).toHaveProperty(name)
    const value = figures[name]
    if (value === null) expect(typeof figures[`${name}_note`], `${name} has no note`).toBe('string')
    else expect(value, name).toBeGreaterThan(0)
  }
  for (const name of ['list_p95_ms', 'search_p95_ms', 'open_case_p95_ms', 'save_p95_ms']) {
    expect(typeof figures[name], name).toBe('number')
  }
  expect(table(figures as never)).toMatch(/search_p95_ms/)
}, 300_000)
