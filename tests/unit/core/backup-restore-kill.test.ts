import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectInstallation } from '../../../src/main/core/context'
import { casePaths } from '../../../src/main/core/paths'
import { ADMIN, call, setUpStaff, signInAs, tempDir, testCore } from '../../support/core'
import { dumpTables, keyOf, seedCases } from './backup-fixtures'

/**
 * Issue 5: a restore killed at any point (SIGKILL, as a power cut) leaves either the old case
 * base with its keyring or the new one with its keyring after the next start, never a mix.
 * The archive comes from another installation, so the two keyrings hold different keys and a
 * mixed pair would not even open.
 */
const JITI = ['--import', 'jiti/register']
let root: ReturnType<typeof tempDir>
let template: string
let archive: string
let old: { keyring: string; dump: unknown }
let restored: { keyring: string; dump: unknown }

/** A set-up case base; with `backupTo`, also its archive and its state at backup time. */
async function installation(dir: string, cases: number, backupTo?: string) {
  const core = testCore(dir)
  const staff = await setUpStaff(core)
  await seedCases(core, staff, cases)
  await signInAs(core, ADMIN.login)
  let file = ''
  let atBackup = null
  if (backupTo) {
    await call(core, 'backup.updateSettings', { folder: backupTo })
    atBackup = await state(dir)
    file = join(backupTo, (await call(core, 'backup.create')).file)
  }
  await core.close()
  return { file, atBackup }
}

async function state(dir: string) {
  const keyring = readFileSync(join(dir, 'keyring.json'), 'utf8')
  const key = await keyOf(dir, ADMIN.login, ADMIN.password)
  // The archive also holds its own log entry (services/backup.ts); the rest must match exactly.
  const dump = dumpTables(join(dir, 'concord.db'), key)
  delete dump.backup_log
  return { keyring, dump }
}

function freshCopy(name: string): string {
  const dir = join(root.dir, name)
  cpSync(template, dir, { recursive: true })
  return dir
}

/** Runs `args` under node with the password on stdin; `kill` decides when to SIGKILL it. */
function run(args: string[], kill?: (child: ReturnType<typeof spawn>) => void) {
  return new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [...JITI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    child.on('error', reject)
    child.on('exit', (code) => resolve(code))
    child.stdin.end(`${ADMIN.password}\n`)
    kill?.(child)
  })
}

/** What the next start sees: detectInstallation finishes or discards the restore. */
async function afterRestart(dir: string): Promise<'old' | 'new'> {
  expect(detectInstallation(casePaths(dir))).toBe('initialized')
  expect(existsSync(join(dir, 'restore'))).toBe(false)
  expect(existsSync(join(dir, 'concord.db-wal'))).toBe(false)
  const now = await state(dir)
  if (now.keyring === old.keyring) {
    expect(now.dump).toEqual(old.dump)
    return 'old'
  }
  expect(now.keyring).toBe(restored.keyring)
  expect(now.dump).toEqual(restored.dump)
  return 'new'
}

beforeAll(async () => {
  root = tempDir('concord-kill-')
  template = join(root.dir, 'template')
  const other = join(root.dir, 'other')
  const backups = join(root.dir, 'backups')
  for (const dir of [template, other, backups]) mkdirSync(dir)
  await installation(template, 2)
  const made = await installation(other, 4, backups)
  archive = made.file
  old = await state(template)
  if (!made.atBackup) throw new Error('no backup')
  restored = made.atBackup
  rmSync(join(template, 'backup-work'), { recursive: true, force: true })
}, 120_000)

afterAll(() => root.remove())

describe('a restore killed at a step boundary', () => {
  const steps = ['staged-db', 'staged-keyring', 'committed', 'moved-db', 'moved-keyring']
  it.each(steps)(
    'after %s',
    async (step) => {
      const dir = freshCopy(`step-${step}`)
      const code = await run([
        'tests/fixtures/restore-step-child.ts',
        dir,
        archive,
        ADMIN.login,
        step,
      ])
      expect(code).toBeNull()
      // Before the commit marker the old case base stays; from it on, the new one.
      const expected = ['staged-db', 'staged-keyring'].includes(step) ? 'old' : 'new'
      expect(await afterRestart(dir)).toBe(expected)
    },
    60_000,
  )
})

describe('the command-line restore killed at random moments', () => {
  it('leaves the old or the new case base, never a mix', async () => {
    const outcomes: Record<'old' | 'new', number> = { old: 0, new: 0 }
    let seed = 20_261_125
    for (let round = 0; round < 36; round += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      const delayMs = seed % 40
      const dir = freshCopy(`random-${round}`)
      await run(
        [
          'src/main/core/admin/node.ts',
          'restore',
          archive,
          '--data',
          dir,
          '--login',
          ADMIN.login,
          '--password-file',
          '-',
          '--yes',
        ],
        (child) => {
          // The preview line comes right before the safety copy and the swap.
          child.stdout?.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs))
        },
      )
      outcomes[await afterRestart(dir)] += 1
      rmSync(dir, { recursive: true, force: true })
    }
    // Both outcomes occur, so the kills really landed inside the restore.
    expect(outcomes.old).toBeGreaterThan(0)
    expect(outcomes.new).toBeGreaterThan(0)
    expect(readdirSync(root.dir).filter((name) => name.startsWith('random-'))).toEqual([])
  }, 600_000)
})
