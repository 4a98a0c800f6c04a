import { cpSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/core/db/migrations'
import { openCaseBase } from '../../../src/main/core/db/open'
import type { Core } from '../../../src/main/core/router'
import { OWN_PASSWORD, call, tempDir, testCore } from '../../support/core'

/**
 * Every released schema version, as that release itself wrote it (tests/fixtures/), must open
 * in this build with nothing lost (issue 8 item 5). A new release adds its fixture here.
 */
const FIXTURES = ['casebase-v0007'] as const

type Dump = Record<string, Record<string, unknown>[]>

const fixtureDir = (name: string) => join(import.meta.dirname, '..', '..', 'fixtures', name)

function rawRows(file: string, key: Buffer, table: string) {
  const caseBase = openCaseBase(file, key, { create: false })
  try {
    return caseBase.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<
      string,
      unknown
    >[]
  } finally {
    void caseBase.close()
  }
}

const plain = (value: unknown) =>
  Buffer.isBuffer(value) ? { base64: value.toString('base64') } : value

describe.each(FIXTURES)('the released case base %s', (name) => {
  let data: ReturnType<typeof tempDir>
  let core: Core
  const key = Buffer.from(readFileSync(join(fixtureDir(name), 'key.hex'), 'utf8').trim(), 'hex')
  const before = JSON.parse(readFileSync(join(fixtureDir(name), 'contents.json'), 'utf8')) as Dump

  beforeEach(() => {
    data = tempDir()
    cpSync(join(fixtureDir(name), 'concord.db'), join(data.dir, 'concord.db'))
    cpSync(join(fixtureDir(name), 'keyring.json'), join(data.dir, 'keyring.json'))
    core = testCore(data.dir)
  })
  afterEach(async () => {
    await core.close()
    data.remove()
  })

  it('unlocks with its users’ passwords and migrates to the current schema', async () => {
    await call(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
    const { total, rows } = await call(core, 'cases.list', { sort: 'number', direction: 'asc' })
    expect(total).toBe(4)
    const files = await Promise.all(rows.map((row) => call(core, 'cases.get', { caseId: row.id })))
    for (const file of files) {
      expect(file.parties.map((p) => p.name).sort()).toEqual(['张三丰', '李四'].sort())
      expect(file.timeline.some((entry) => entry.restricted)).toBe(true)
      const [attachment] = file.attachments
      const content = await call(core, 'attachments.get', { attachmentId: attachment?.id ?? '' })
      expect(Buffer.from(content.bytes).toString()).toBe('%PDF-1.7\n%fixture\n%%EOF\n')
    }
    const petition = files.find((f) => f.category === 'petition')
    const handling = petition?.clocks.find((c) => c.clockId === 'petitionHandling')
    expect(handling?.extensions.map((e) => e.length)).toEqual([30])
    expect(files.find((f) => f.category === 'owners')?.stage).toBe('terminated')
    await call(core, 'auth.lock')
    expect(readdirSync(join(data.dir, 'safety'))).toHaveLength(1)
    const applied = rawRows(join(data.dir, 'concord.db'), key, 'kysely_migration')
    expect(applied).toHaveLength(Object.keys(MIGRATIONS).length)
    expect(Math.max(...applied.map((m) => Number.parseInt(String(m.name), 10)))).toBe(
      SCHEMA_VERSION,
    )
  })

  it('keeps every row and every value of every table it had', async () => {
    await call(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
    await call(core, 'auth.lock')
    for (const [table, rows] of Object.entries(before)) {
      const after = rawRows(join(data.dir, 'concord.db'), key, table)
      expect(after, table).toHaveLength(rows.length)
      after.forEach((row, i) => {
        const old = rows[i] ?? {}
        // New columns may have been added; the old ones keep their values.
        const kept = Object.fromEntries(Object.keys(old).map((c) => [c, plain(row[c])]))
        expect(kept, `${table} row ${i}`).toEqual(old)
      })
    }
  })

  it('stays usable at its own version when a migration fails', async () => {
    await core.close()
    const file = join(data.dir, 'concord.db')
    const caseBase = openCaseBase(file, key, { create: false })
    const failing = {
      ...MIGRATIONS,
      '9999-fails': {
        async up() {
          throw new Error('boom')
        },
      },
    }
    const error = await migrateCaseBase(caseBase, {
      safetyDir: join(data.dir, 'safety'),
      migrations: failing,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED' })
    expect(caseBase.sqlite.prepare('SELECT count(*) FROM "case"').pluck().get()).toBe(4)
    await caseBase.close()
    // Nothing of the failed run stuck: the real upgrade still works afterwards.
    core = testCore(data.dir)
    await call(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
    expect((await call(core, 'cases.list', { sort: 'number', direction: 'asc' })).total).toBe(4)
  })
})
