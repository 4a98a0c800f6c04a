import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { openCaseBase } from '../../../src/main/core/db/open'
import { tempDir } from '../../support/core'

let data: ReturnType<typeof tempDir>
beforeEach(() => {
  data = tempDir()
})
afterEach(() => data.remove())

describe('migration 0011-import-mappings', () => {
  it('keeps saved ledger mappings by unique name, as valid JSON, naming a user', async () => {
    const caseBase = openCaseBase(join(data.dir, 'case.db'), randomBytes(32), { create: true })
    await migrateCaseBase(caseBase, { safetyDir: join(data.dir, 'safety') })
    const { sqlite } = caseBase
    sqlite
      .prepare(
        `INSERT INTO user (id, login, display_name, role, created_at, updated_at)
         VALUES ('u1', 'zhuguan', '司马主管', 'supervisor', '2026-01-05', '2026-01-05')`,
      )
      .run()
    const insert = sqlite.prepare(
      `INSERT INTO import_mapping (id, name, mapping, updated_by, updated_at)
       VALUES (?, ?, ?, ?, '2026-11-25T03:00:00.000Z')`,
    )
    insert.run('m1', '区台账', '{"headerRow":1,"columns":{},"defaults":{}}', 'u1')
    expect(() => insert.run('m2', '区台账', '{}', 'u1')).toThrow(/UNIQUE/)
    expect(() => insert.run('m3', '坏的', 'not json', 'u1')).toThrow(/CHECK/)
    expect(() => insert.run('m4', '', '{}', 'u1')).toThrow(/CHECK/)
    expect(() => insert.run('m5', '无人', '{}', 'nobody')).toThrow(/FOREIGN KEY/)
    expect(sqlite.prepare('SELECT name FROM import_mapping').pluck().all()).toEqual(['区台账'])
    await caseBase.close()
  })
})
