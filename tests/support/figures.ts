import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const FOLDER = resolve(import.meta.dirname, '../../test-results/figures')

/**
 * Keeps a test's measured figures (kills survived, payloads sent, timings) for
 * docs/reliability.md: test-results/figures/<name>.json, and one line in the test output.
 */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(FOLDER, { recursive: true })
  writeFileSync(join(FOLDER, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`)
  // eslint-disable-next-line no-console -- the figures are the point of these tests
  console.info(`${name}: ${JSON.stringify(figures)}`)
}
