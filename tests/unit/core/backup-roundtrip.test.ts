import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import {
  ADMIN,
  call,
  refusal,
  setUp,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
} from '../../support/core'
import { caseInput } from './case-fixtures'
import { dumpTables, keyOf, seedCases } from './backup-fixtures'

/**
 * Issue 5, round trip: every table's content after a restore equals its content at backup
 * time, through the channels an administrator uses.
 */
let data: ReturnType<typeof tempDir>
let folder: ReturnType<typeof tempDir>
let core: Core
let staff: Staff

beforeEach(async () => {
  data = tempDir()
  folder = tempDir('concord-backups-')
  core = testCore(data.dir)
  staff = await setUpStaff(core)
  await seedCases(core, staff)
  await signInAs(core, ADMIN.login)
  await call(core, 'backup.updateSettings', { folder: folder.dir })
})

afterEach(async () => {
  await core.close()
  data.remove()
  folder.remove()
})

const caseBaseFile = () => join(data.dir, 'concord.db')

describe('backup and restore', () => {
  it('restores exactly the content the backup was made from', async () => {
    const key = await keyOf(data.dir, ADMIN.login, ADMIN.password)
    const before = dumpTables(caseBaseFile(), key)
    const done = await call(core, 'backup.create')
    expect(done.file).toMatch(/^concord-backup-\d{8}-\d{6}\.tar$/)
    expect(readdirSync(folder.dir)).toEqual([done.file])

    // Change the data after the backup.
    await signInAs(core, staff.mediator.login)
    await call(core, 'cases.create', { ...caseInput('petition', staff), summary: '备份之后的案件' })
    await signInAs(core, ADMIN.login)
    expect(dumpTables(caseBaseFile(), key).case).toHaveLength(4)

    const file = join(folder.dir, done.file)
    const secret = { login: ADMIN.login, password: ADMIN.password }
    const preview = await call(core, 'backup.inspect', { file, secret })
    expect(preview).toMatchObject({ organization: '浦江测试人民调解委员会', file })
    expect(preview.tables.case).toBe(3)

    const status = await call(core, 'backup.restore', { file, secret })
    expect(status.state).toBe('locked')
    expect(existsSync(join(data.dir, 'restore'))).toBe(false)
    const { backup_log: log, ...after } = dumpTables(caseBaseFile(), key)
    const { backup_log: logBefore, ...rest } = before
    expect(after).toEqual(rest)
    // The backup's own log entry is in the archive (written before the copy), so a restored
    // case base knows the archive it came from; only its size and duration are not.
    expect(log).toEqual([
      ...(logBefore ?? []),
      expect.objectContaining({ file_name: done.file, status: 'verified', size: null }),
    ])

    // The app opens on the restored data; the safety backup of the replaced one is kept.
    await signInAs(core, ADMIN.login)
    const safety = readdirSync(join(data.dir, 'safety')).filter((name) => name.endsWith('.tar'))
    expect(safety).toHaveLength(1)
    await signInAs(core, staff.mediator.login)
    const list = await call(core, 'cases.list', {})
    expect(list.total).toBe(3)
  })

  it('lists the archive as verified and reports a healthy backup state', async () => {
    expect((await call(core, 'backup.health')).state).toBe('never')
    const done = await call(core, 'backup.create')
    const list = await call(core, 'backup.list')
    expect(list.archives).toEqual([
      expect.objectContaining({ name: done.file, state: 'verified', kind: 'manual' }),
    ])
    expect((await call(core, 'backup.health')).state).toBe('ok')
  })

  it('refuses a wrong password and leaves the case base as it was', async () => {
    const done = await call(core, 'backup.create')
    const file = join(folder.dir, done.file)
    const error = await refusal(core, 'backup.restore', {
      file,
      secret: { login: ADMIN.login, password: 'Wrong-Password-99' },
    })
    expect(error.code).toBe('WRONG_CREDENTIALS')
    expect(await call(core, 'backup.getSettings')).toMatchObject({ folder: folder.dir })
  })

  it('refuses relative and missing folders', async () => {
    for (const bad of ['backups', join(folder.dir, 'missing')]) {
      const error = await refusal(core, 'backup.updateSettings', { folder: bad })
      expect(error.code).toBe('BACKUP_FOLDER_INVALID')
    }
  })

  it('is for administrators only', async () => {
    await signInAs(core, staff.supervisor.login)
    expect((await refusal(core, 'backup.create')).code).toBe('FORBIDDEN')
    expect((await call(core, 'backup.health')).state).toBe('never')
  })
})

describe('the recovery code', () => {
  it('opens an archive of a case base whose passwords are all forgotten', async () => {
    const other = tempDir()
    const otherCore = testCore(other.dir)
    try {
      const recoveryCode = await setUp(otherCore)
      await call(otherCore, 'backup.updateSettings', { folder: folder.dir })
      const done = await call(otherCore, 'backup.create')
      const file = join(folder.dir, done.file)
      // Typed loosely, as from paper.
      const loose = recoveryCode.toLowerCase().replaceAll('-', ' ')
      const preview = await call(core, 'backup.inspect', { file, secret: { recoveryCode: loose } })
      expect(preview.tables.user).toBe(1)
      const wrong = await refusal(core, 'backup.inspect', {
        file,
        secret: { recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' },
      })
      expect(wrong.code).toBe('WRONG_CREDENTIALS')
    } finally {
      await otherCore.close()
      other.remove()
    }
  })
})
