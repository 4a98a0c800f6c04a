import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { openCaseBase, type CaseBase } from '../../../src/main/core/db/open'
import { tempDir } from '../../support/core'

/** Migration 0010-backup: one settings row with the documented defaults, guarded by checks. */
let data: ReturnType<typeof tempDir>
let caseBase: CaseBase

beforeEach(async () => {
  data = tempDir()
  caseBase = openCaseBase(join(data.dir, 'case.db'), randomBytes(32), { create: true })
  await migrateCaseBase(caseBase, { safetyDir: join(data.dir, 'safety') })
})

afterEach(async () => {
  await caseBase.close()
  data.remove()
})

describe('migration 0010-backup', () => {
  it('creates the settings row with no folder, 12:30 daily, on exit, 7/4/12, warn after 7 days', () => {
    expect(caseBase.sqlite.prepare('SELECT * FROM backup_settings').all()).toEqual([
      {
        id: 1,
        folder: null,
        daily_at: '12:30',
        on_exit: 1,
        keep_daily: 7,
        keep_weekly: 4,
        keep_monthly: 12,
        warn_after_days: 7,
      },
    ])
  })

  it.each([
    ['a second settings row', `INSERT INTO backup_settings (id) VALUES (2)`],
    ['a malformed time', `UPDATE backup_settings SET daily_at = '7 pm'`],
    [
      'an unknown kind of backup',
      `INSERT INTO backup_log (id, created_at, kind, status, folder) VALUES ('x', '2026-11-25', 'magic', 'verified', '/b')`,
    ],
    [
      'an unknown outcome',
      `INSERT INTO backup_log (id, created_at, kind, status, folder) VALUES ('x', '2026-11-25', 'manual', 'maybe', '/b')`,
    ],
  ])('refuses %s', (_name, statement) => {
    expect(() => caseBase.sqlite.exec(statement)).toThrow(/constraint/i)
  })
})
