import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ADMIN,
  call,
  setUpStaff,
  signInAs,
  tempDir,
  testCore,
  type Staff,
} from '../../support/core'
import { caseInput } from './case-fixtures'
import { dumpTables, keyOf, seedCases } from './backup-fixtures'

/**
 * Issue 5 item 4: the administrator's command line, run as a child process exactly as
 * `npm run admin --` runs it, checked by exit code and output, as Task Scheduler would.
 */
let root: ReturnType<typeof tempDir>
let dataDir: string
let backups: string
let passwordFile: string
let staff: Staff

function admin(args: string[], stdin?: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'jiti/register', 'src/main/core/admin/node.ts', ...args],
    { input: stdin ?? '', encoding: 'utf8', env: { ...process.env, HOME: root.dir } },
  )
  return { code: result.status, out: result.stdout, err: result.stderr }
}

const withPassword = ['--data', '', '--login', ADMIN.login, '--password-file', '']

function opts(extra: string[] = []) {
  const args = [...withPassword]
  args[1] = dataDir
  args[5] = passwordFile
  return [...args, ...extra]
}

async function caseCount(): Promise<number> {
  const key = await keyOf(dataDir, ADMIN.login, ADMIN.password)
  return dumpTables(join(dataDir, 'concord.db'), key).case?.length ?? -1
}

beforeAll(async () => {
  root = tempDir('concord-cli-')
  dataDir = join(root.dir, 'casebase')
  backups = join(root.dir, 'backups')
  for (const dir of [dataDir, backups]) spawnSync('mkdir', ['-p', dir])
  passwordFile = join(root.dir, 'password.txt')
  writeFileSync(passwordFile, `${ADMIN.password}\n`)
  const core = testCore(dataDir)
  staff = await setUpStaff(core)
  await seedCases(core, staff, 2)
  await core.close()
})

afterAll(() => root.remove())

describe('npm run admin', () => {
  let archive = ''

  it('backs up to a folder with the password from a file, and says where', () => {
    const run = admin(['backup', '--to', backups, ...opts()])
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    const files = readdirSync(backups)
    expect(files).toHaveLength(1)
    archive = join(backups, files[0] ?? '')
    expect(run.out).toContain(archive)
  })

  it('lists and verifies the archive, with and without a password', () => {
    const list = admin(['list', backups, '--data', dataDir])
    expect(list.code).toBe(0)
    expect(list.out).toContain('浦江测试人民调解委员会')
    expect(admin(['verify', archive, '--data', dataDir]).code).toBe(0)
    const full = admin(['verify', archive, ...opts()])
    expect(full.code).toBe(0)
    expect(full.out).toContain('案件 2 件')
  })

  it('reads the password from standard input with --password-file -', () => {
    const run = admin(
      ['verify', archive, '--data', dataDir, '--login', ADMIN.login, '--password-file', '-'],
      `${ADMIN.password}\n`,
    )
    expect(run.code).toBe(0)
  })

  it('exits 3 on a wrong password, 1 on a damaged archive, 2 on wrong usage', () => {
    const wrong = join(root.dir, 'wrong.txt')
    writeFileSync(wrong, 'Not-The-Password-1\n')
    const refused = admin([
      'verify',
      archive,
      '--data',
      dataDir,
      '--login',
      ADMIN.login,
      '--password-file',
      wrong,
    ])
    expect(refused.code).toBe(3)
    expect(refused.err).toContain('不正确')
    const damaged = join(root.dir, 'damaged.tar')
    const bytes = readFileSync(archive)
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 700))
    const corrupt = admin(['verify', damaged, ...opts()])
    expect(corrupt.code).toBe(1)
    expect(corrupt.err).toContain('已损坏')
    expect(admin(['frobnicate']).code).toBe(2)
    expect(admin(['verify', archive, '--password', 'on-the-command-line']).code).toBe(2)
  })

  it('restores only with --yes, keeping a copy of what it replaces', async () => {
    // Add a case after the backup, by running the app's core once more.
    const core = testCore(dataDir)
    await signInAs(core, staff.mediator.login)
    await call(core, 'cases.create', caseInput('petition', staff))
    await core.close()
    expect(await caseCount()).toBe(3)

    const unconfirmed = admin(['restore', archive, ...opts()])
    expect(unconfirmed.code).toBe(2)
    expect(await caseCount()).toBe(3)

    const run = admin(['restore', archive, ...opts(['--yes'])])
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(await caseCount()).toBe(2)
    expect(
      readdirSync(join(dataDir, 'safety')).some((name) => name.startsWith('before-restore-')),
    ).toBe(true)
  })

  it('refuses to restore under a running app (its write-ahead log is there)', () => {
    writeFileSync(join(dataDir, 'concord.db-wal'), '')
    try {
      const run = admin(['restore', archive, ...opts(['--yes'])])
      expect(run.code).toBe(1)
      expect(run.err).toContain('关闭 Concord')
    } finally {
      spawnSync('rm', ['-f', join(dataDir, 'concord.db-wal')])
    }
  })
})
