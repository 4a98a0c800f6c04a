import { createDecipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateCaseBase } from '../../../src/main/core/db/migrate'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/core/db/migrations'
import { openCaseBase } from '../../../src/main/core/db/open'
import { CoreError } from '../../../src/main/core/errors'
import { casePaths } from '../../../src/main/core/paths'
import { ADMIN, call, ORG_NAME, refusal, setUp, tempDir, testCore } from '../../support/core'

let data: ReturnType<typeof tempDir>
beforeEach(() => {
  data = tempDir()
})
afterEach(() => data.remove())

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

async function newCaseBase(key: Buffer) {
  const file = join(data.dir, 'case.db')
  const caseBase = openCaseBase(file, key, { create: true })
  await migrateCaseBase(caseBase, { safetyDir: join(data.dir, 'safety') })
  return { file, caseBase }
}

describe('the case base file', () => {
  it('holds no plaintext of what was written, in the database, WAL or beside it', async () => {
    const core = testCore(data.dir)
    await setUp(core)
    // Leave the WAL in place while scanning: the session is still open.
    const files = readdirSync(data.dir).filter((f) => !f.startsWith('safety'))
    expect(files).toEqual(expect.arrayContaining(['concord.db', 'concord.db-wal', 'keyring.json']))
    const secrets = [ORG_NAME, ADMIN.displayName, ADMIN.login, ADMIN.password]
    for (const file of files) {
      const bytes = readFileSync(join(data.dir, file))
      for (const secret of secrets) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          expect(bytes.includes(Buffer.from(secret, encoding)), `${secret} in ${file}`).toBe(false)
        }
      }
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0')
    }
    await core.close()
  })

  it('is SQLCipher 4: page 1 decrypts and authenticates with the documented algorithm', async () => {
    const key = randomBytes(32)
    const { file, caseBase } = await newCaseBase(key)
    await caseBase.close()
    // Independent of SQLite3MC: the format docs/security.md describes, done with node:crypto.
    const page = readFileSync(file).subarray(0, 4096)
    const salt = page.subarray(0, 16)
    const reserve = 80
    const iv = page.subarray(4096 - reserve, 4096 - reserve + 16)
    const storedHmac = page.subarray(4096 - 64)
    const hmacKey = pbkdf2Sync(
      key,
      salt.map((b) => b ^ 0x3a),
      2,
      32,
      'sha512',
    )
    const pageNumber = Buffer.alloc(4)
    pageNumber.writeUInt32LE(1)
    const hmac = createHmac('sha512', hmacKey)
      .update(page.subarray(16, 4096 - 64))
      .update(pageNumber)
      .digest()
    expect(hmac.equals(storedHmac)).toBe(true)
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
    const plain = Buffer.concat([
      decipher.update(page.subarray(16, 4096 - reserve)),
      decipher.final(),
    ])
    expect(plain.readUInt16BE(0)).toBe(4096) // page size
    expect(plain[4]).toBe(reserve) // reserved bytes per page
    expect([...plain.subarray(5, 8)]).toEqual([64, 32, 32]) // payload fractions
  })

  it('refuses a wrong key with a clear error and leaves the file unchanged', async () => {
    const { file, caseBase } = await newCaseBase(randomBytes(32))
    await caseBase.close()
    const before = sha256(file)
    expect(() => openCaseBase(file, randomBytes(32), { create: false })).toThrowError(
      expect.objectContaining({ code: 'CASEBASE_WRONG_KEY' }),
    )
    expect(sha256(file)).toBe(before)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('refuses a case base written by a newer version and leaves it untouched', async () => {
    const key = randomBytes(32)
    const { file, caseBase } = await newCaseBase(key)
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9001-from-the-future', '2030-01-01')`.execute(
      caseBase.db,
    )
    await caseBase.close()
    const before = sha256(file)
    const reopened = openCaseBase(file, key, { create: false })
    const error = await migrateCaseBase(reopened, { safetyDir: join(data.dir, 'safety') }).catch(
      (e: unknown) => e,
    )
    await reopened.close()
    expect(error).toBeInstanceOf(CoreError)
    expect(error).toMatchObject({
      code: 'CASEBASE_NEWER_VERSION',
      params: { found: 9001, supported: SCHEMA_VERSION },
    })
    expect(sha256(file)).toBe(before)
  })

  it('rolls back a migration that throws and stays usable at the old version, after a safety copy', async () => {
    const key = randomBytes(32)
    const { file, caseBase } = await newCaseBase(key)
    await caseBase.db
      .insertInto('organization')
      .values({ name: ORG_NAME, capacity: 'other_mediation_org', createdAt: '2026-11-25' })
      .execute()
    const broken = {
      ...MIGRATIONS,
      '9002-half-done': {
        async up(db: Parameters<NonNullable<(typeof MIGRATIONS)[string]>['up']>[0]) {
          await db.schema.createTable('half_done').addColumn('id', 'integer').execute()
          throw new Error('boom')
        },
      },
    }
    const error = await migrateCaseBase(caseBase, {
      safetyDir: join(data.dir, 'safety'),
      migrations: broken,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED' })
    const tables = caseBase.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .pluck()
      .all()
    expect(tables).not.toContain('half_done')
    expect(caseBase.sqlite.prepare('SELECT name FROM kysely_migration').pluck().all()).toEqual(
      Object.keys(MIGRATIONS),
    )
    expect(await caseBase.db.selectFrom('organization').select('name').executeTakeFirst()).toEqual({
      name: ORG_NAME,
    })
    await caseBase.close()
    const [copy] = readdirSync(join(data.dir, 'safety'))
    expect(copy).toMatch(/^before-v9002-\d+\.db$/)
    // The safety copy is encrypted with the same key and holds the data.
    const safety = openCaseBase(join(data.dir, 'safety', copy!), key, { create: false })
    expect(safety.sqlite.prepare('SELECT name FROM organization').pluck().get()).toBe(ORG_NAME)
    await safety.close()
    expect(existsSync(file)).toBe(true)
  })
})

describe('the data folder', () => {
  it('reports a missing keyring instead of starting setup over the case base', async () => {
    const core = testCore(data.dir)
    await setUp(core)
    await core.close()
    const paths = casePaths(data.dir)
    writeFileSync(paths.keyring, '')
    const restarted = testCore(data.dir)
    expect(
      (await refusal(restarted, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password }))
        .code,
    ).toBe('KEYRING_CORRUPT')
    rmSync(paths.keyring)
    expect((await refusal(restarted, 'app.status')).code).toBe('KEYRING_MISSING')
    expect(
      (
        await refusal(restarted, 'setup.begin', {
          orgName: '新机构',
          orgCapacity: 'other_mediation_org',
          admin: ADMIN,
        })
      ).code,
    ).toBe('KEYRING_MISSING')
    expect(existsSync(paths.caseBase)).toBe(true)
    await restarted.close()
  })

  it('finishes a setup that crashed between writing the keyring and renaming the case base', async () => {
    const core = testCore(data.dir)
    await setUp(core)
    await core.close()
    const paths = casePaths(data.dir)
    renameSync(paths.caseBase, paths.setupCaseBase)
    const restarted = testCore(data.dir)
    expect((await call(restarted, 'app.status')).state).toBe('locked')
    expect(
      (await call(restarted, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password }))
        .state,
    ).toBe('unlocked')
    await restarted.close()
  })
})
