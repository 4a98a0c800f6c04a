import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../src/main/core/db/migrations'
import { openCaseBase } from '../../../src/main/core/db/open'
import { tempDir } from '../../support/core'

let data: ReturnType<typeof tempDir>
beforeEach(() => {
  data = tempDir()
})
afterEach(() => data.remove())

describe('migration 0013-reports', () => {
  it('adds the statistics tables and their indexes to a case base of the version before', async () => {
    const key = randomBytes(32)
    const file = join(data.dir, 'case.db')
    const safetyDir = join(data.dir, 'safety')
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0013'))
    const old = openCaseBase(file, key, { create: true })
    await migrateCaseBase(old, { safetyDir, migrations: before })
    await old.close()

    const base = openCaseBase(file, key, { create: false })
    await migrateCaseBase(base, { safetyDir })
    const names = (type: string) =>
      base.sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = ? ORDER BY name`)
        .pluck()
        .all(type)
    expect(names('table')).toEqual(
      expect.arrayContaining(['case_fact', 'service_contract', 'frozen_report']),
    )
    expect(names('index')).toEqual(
      expect.arrayContaining([
        'case_fact_by_accepted_at',
        'case_fact_by_closed_on',
        'case_fact_by_concluded_on',
        'case_fact_by_performance_due',
        'case_stats_freshness',
      ]),
    )
    // A contract's period cannot end before it starts.
    expect(() =>
      base.sqlite
        .prepare(
          `INSERT INTO service_contract (id, title, purchaser, contract_no, "from", "to", targets, updated_by, updated_at)
           VALUES ('k', 't', 'p', '', '2026-12-31', '2026-01-01', '[]', 'u', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/)
    await base.close()
  })
})
