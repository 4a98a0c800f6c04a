import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { MIGRATIONS } from '../../../src/main/core/db/migrations'
import { openCaseBase } from '../../../src/main/core/db/open'
import { ORG_NAME, tempDir } from '../../support/core'

let data: ReturnType<typeof tempDir>
beforeEach(() => {
  data = tempDir()
})
afterEach(() => data.remove())

const tablesOf = (caseBase: ReturnType<typeof openCaseBase>) =>
  caseBase.sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all()

describe('migration 0002-cases', () => {
  it('brings a 0001 case base with an organization and a user to 0002, data intact', async () => {
    const key = randomBytes(32)
    const file = join(data.dir, 'case.db')
    const safetyDir = join(data.dir, 'safety')
    const v1 = openCaseBase(file, key, { create: true })
    await migrateCaseBase(v1, {
      safetyDir,
      migrations: { '0001-foundation': MIGRATIONS['0001-foundation']! },
    })
    expect(tablesOf(v1)).not.toContain('case')
    // Raw SQL: the Database interface already describes version 2.
    v1.sqlite
      .prepare(
        `INSERT INTO organization (name, capacity, created_at) VALUES (?, 'other_mediation_org', '2026-01-05')`,
      )
      .run(ORG_NAME)
    v1.sqlite
      .prepare(
        `INSERT INTO user (id, login, display_name, role, created_at, updated_at)
         VALUES ('u1', 'laowang', '王老师', 'mediator', '2026-01-05', '2026-01-05')`,
      )
      .run()
    await v1.close()

    const v2 = openCaseBase(file, key, { create: false })
    await migrateCaseBase(v2, { safetyDir })
    expect(tablesOf(v2)).toEqual(
      expect.arrayContaining([
        'case',
        'case_event',
        'case_mediator',
        'checklist_item',
        'household',
        'party',
        'stage_transition',
        'timeline_entry',
      ]),
    )
    expect(
      await v2.db
        .selectFrom('organization')
        .select(['name', 'capacity', 'idleLockMinutes', 'caseNumberPattern'])
        .executeTakeFirst(),
    ).toEqual({
      name: ORG_NAME,
      capacity: 'other_mediation_org',
      idleLockMinutes: 10,
      caseNumberPattern: '〔{year}〕{abbr}调字第{seq}号',
    })
    expect(
      await v2.db.selectFrom('user').select(['id', 'login', 'displayName', 'role']).execute(),
    ).toEqual([{ id: 'u1', login: 'laowang', displayName: '王老师', role: 'mediator' }])

    // Every new table is STRICT and enforces its foreign keys.
    const strict = v2.sqlite
      .prepare(`SELECT name FROM pragma_table_list WHERE strict = 1 ORDER BY name`)
      .pluck()
      .all()
    expect(strict).toEqual(expect.arrayContaining(['case', 'party', 'timeline_entry']))
    expect(() =>
      v2.sqlite
        .prepare(
          `INSERT INTO case_event (case_id, event_id, at, recorded_by) VALUES ('nope', 'accepted', '2026-01-05', 'u1')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/)
    await v2.close()
  })
})
