import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  caseBaseKeyCandidates,
  readKeyring,
  recoverySlot,
  userSlot,
} from '../../../src/main/core/db/keyring'
import { openCaseBase } from '../../../src/main/core/db/open'
import { casePaths } from '../../../src/main/core/paths'
import { authHandlers } from '../../../src/main/core/services/auth'
import { rotateCaseBaseKey } from '../../../src/main/core/services/keys'
import { normalizeRecoveryCode } from '../../../src/shared/recovery-code'
import type { RotationStep } from '../../../src/shared/schemas/account'
import {
  addUser,
  ADMIN,
  call,
  firstSignIn,
  ORG_NAME,
  OWN_PASSWORD,
  refusal,
  setUp,
  tempDir,
  testCore,
} from '../../support/core'
import { coreContext } from '../../support/context'

/**
 * Key rotation (docs/security.md, "Rotating the key"): the old key opens nothing afterwards,
 * and a rotation that stops at any point, by an error or by the process being killed, leaves
 * a case base that the next unlock opens with all its data.
 */
const STEPS: RotationStep[] = ['keyring', 'rekey', 'verify', 'copies', 'finish']
const FILLER_ROWS = 20_000

const dirs: ReturnType<typeof tempDir>[] = []
let template: string
let recoveryCode = ''
let originalKey: Buffer
let fillerDigest = ''

async function adminKeys(dir: string): Promise<Buffer[]> {
  const keyring = readKeyring(casePaths(dir).keyring)
  const slot = userSlot(keyring, ADMIN.login)
  if (!slot) throw new Error('no admin slot')
  return ((await caseBaseKeyCandidates(keyring, slot, ADMIN.password)) ?? []).map((c) => c.key)
}

function databasesIn(dir: string): string[] {
  const { caseBase, safetyDir } = casePaths(dir)
  const copies = readdirSync(safetyDir).filter((name) => name.endsWith('.db'))
  return [caseBase, ...copies.map((name) => join(safetyDir, name))]
}

/** Opens `file` with `key`: the filler digest, or the error code when the key does not fit. */
async function readWith(file: string, key: Buffer): Promise<string> {
  let caseBase
  try {
    caseBase = openCaseBase(file, key, { create: false })
  } catch (error) {
    return (error as { code?: string }).code ?? String(error)
  }
  try {
    expect(caseBase.sqlite.pragma('quick_check', { simple: true })).toBe('ok')
    const row = caseBase.sqlite
      .prepare('SELECT count(*) AS n, sum(length(v)) AS bytes, max(v) AS last FROM filler')
      .get()
    return JSON.stringify(row)
  } finally {
    await caseBase.close()
  }
}

function copyOfTemplate(): string {
  const data = tempDir()
  dirs.push(data)
  cpSync(template, data.dir, { recursive: true })
  return data.dir
}

beforeAll(async () => {
  const data = tempDir()
  dirs.push(data)
  template = data.dir
  const core = testCore(template)
  recoveryCode = await setUp(core)
  await addUser(core, { login: 'tiaojie', displayName: '诸葛调解', role: 'mediator' })
  await firstSignIn(core, 'tiaojie')
  await core.close()
  ;[originalKey] = (await adminKeys(template)) as [Buffer]
  // Bulk, so that a rekey takes long enough to be killed in the middle, and a kept copy.
  const caseBase = openCaseBase(casePaths(template).caseBase, originalKey, { create: false })
  caseBase.sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, v TEXT NOT NULL)')
  const insert = caseBase.sqlite.prepare('INSERT INTO filler (v) VALUES (?)')
  caseBase.sqlite.transaction(() => {
    for (let i = 0; i < FILLER_ROWS; i++) insert.run(`${'卷宗'.repeat(60)}-${i}`)
  })()
  mkdirSync(casePaths(template).safetyDir)
  caseBase.sqlite.prepare('VACUUM INTO ?').run(join(casePaths(template).safetyDir, 'before-v2.db'))
  await caseBase.close()
  fillerDigest = await readWith(casePaths(template).caseBase, originalKey)
  expect(JSON.parse(fillerDigest)).toMatchObject({ n: FILLER_ROWS })
})

afterAll(() => {
  for (const data of dirs) data.remove()
})

/**
 * After a rotation, finished or not: every account and the recovery code unlock, the data is
 * all there, one key generation is left, and every other key opens none of the files.
 */
async function expectSettled(dir: string): Promise<{ key: Buffer; generation: number }> {
  const before = await adminKeys(dir)
  const core = testCore(dir)
  try {
    await call(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
    expect((await call(core, 'cases.list', {})).total).toBe(0)
    await call(core, 'auth.unlockWithRecoveryCode', { recoveryCode })
    await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
    expect((await call(core, 'settings.get')).orgName).toBe(ORG_NAME)
    expect((await call(core, 'users.accounts')).map((a) => a.login)).toEqual([
      ADMIN.login,
      'tiaojie',
    ])
  } finally {
    await core.close()
  }
  const keyring = readKeyring(casePaths(dir).keyring)
  expect(keyring.keys).toHaveLength(1)
  const [key] = (await adminKeys(dir)) as [Buffer]
  for (const file of databasesIn(dir)) expect(await readWith(file, key), file).toBe(fillerDigest)
  const losers = [originalKey, ...before].filter((k) => !k.equals(key))
  for (const loser of losers) {
    for (const file of databasesIn(dir))
      expect(await readWith(file, loser), file).toBe('CASEBASE_WRONG_KEY')
  }
  return { key, generation: keyring.keys[0]!.generation }
}

describe('keys.rotate', () => {
  it('replaces the key for every slot; the old key opens nothing', async () => {
    const dir = copyOfTemplate()
    const core = testCore(dir)
    try {
      await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
      const result = await call(core, 'keys.rotate', { password: ADMIN.password })
      expect(result).toMatchObject({ generation: 2, slots: 3 })
      expect(result.steps.map((s) => s.step)).toEqual(STEPS)
      // Still signed in, on the new key.
      expect((await call(core, 'users.accounts')).length).toBe(2)
    } finally {
      await core.close()
    }
    const settled = await expectSettled(dir)
    expect(settled.generation).toBe(2)
    expect(settled.key.equals(originalKey)).toBe(false)
    const recovery = recoverySlot(readKeyring(casePaths(dir).keyring))!
    const viaRecovery = await caseBaseKeyCandidates(
      readKeyring(casePaths(dir).keyring),
      recovery,
      normalizeRecoveryCode(recoveryCode),
    )
    expect(viaRecovery?.map((c) => c.key.toString('hex'))).toEqual([settled.key.toString('hex')])
  })

  it('asks for the administrator’s own password and is for administrators only', async () => {
    const dir = copyOfTemplate()
    const before = readFileSync(casePaths(dir).keyring, 'utf8')
    const core = testCore(dir)
    try {
      await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
      expect((await refusal(core, 'keys.rotate', { password: 'Wrong-Password-1' })).code).toBe(
        'WRONG_CREDENTIALS',
      )
      expect((await refusal(core, 'keys.rotate', {})).code).toBe('VALIDATION')
      await call(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
      expect((await refusal(core, 'keys.rotate', { password: OWN_PASSWORD })).code).toBe(
        'FORBIDDEN',
      )
    } finally {
      await core.close()
    }
    expect(readFileSync(casePaths(dir).keyring, 'utf8')).toBe(before)
  })
})

describe('an interrupted rotation leaves a usable case base', () => {
  it.each(STEPS)('failing right after step "%s"', async (failAfter) => {
    const dir = copyOfTemplate()
    const ctx = coreContext(dir)
    await authHandlers['auth.unlock']({ login: ADMIN.login, password: ADMIN.password }, ctx)
    await expect(
      rotateCaseBaseKey(ctx, (step) => {
        if (step === failAfter) throw new Error(`injected after ${step}`)
      }),
    ).rejects.toMatchObject({ code: 'KEY_ROTATION_FAILED' })
    expect(ctx.vault.isOpen).toBe(false)
    const settled = await expectSettled(dir)
    // Before the rekey the old key still opens the case base; from the rekey on, the new one.
    expect(settled.key.equals(originalKey)).toBe(failAfter === 'keyring')
  })

  const runChild = (dir: string, dieAfter: string) =>
    spawn(
      process.execPath,
      [
        resolve('node_modules/jiti/lib/jiti-cli.mjs'),
        'tests/fixtures/rotate-key.ts',
        dir,
        ADMIN.login,
        dieAfter,
      ],
      {
        env: { ...process.env, CONCORD_TEST_PASSWORD: ADMIN.password },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )

  const outcome = (child: ReturnType<typeof runChild>) =>
    new Promise<{ signal: NodeJS.Signals | null; steps: string[]; rekeyAt: number }>((done) => {
      let out = ''
      let rekeyAt = Number.NaN
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (Number.isNaN(rekeyAt) && out.includes('rekey')) rekeyAt = performance.now()
      })
      child.on('exit', (_code, signal) =>
        done({ signal, steps: out.split('\n').filter(Boolean), rekeyAt }),
      )
    })

  it.each(STEPS)(
    'a process killed right after step "%s"',
    async (dieAfter) => {
      const dir = copyOfTemplate()
      const { signal, steps } = await outcome(runChild(dir, dieAfter))
      expect(signal).toBe('SIGKILL')
      expect(steps.at(-1)).toBe(dieAfter)
      const settled = await expectSettled(dir)
      expect(settled.key.equals(originalKey)).toBe(dieAfter === 'keyring')
    },
    60_000,
  )

  it('a process killed at moments spread over the rekey', async () => {
    const started = (child: ReturnType<typeof runChild>) =>
      new Promise<number>((done) =>
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('keyring')) done(performance.now())
        }),
      )
    // One undisturbed run measures how long the rekey takes on this machine.
    const timing = runChild(copyOfTemplate(), '-')
    const [begin, finished] = await Promise.all([started(timing), outcome(timing)])
    expect(finished.steps).toContain('done')
    const rekeyMs = finished.rekeyAt - begin

    const killedDuringRekey: boolean[] = []
    for (let trial = 0; trial < 8; trial++) {
      const dir = copyOfTemplate()
      const child = runChild(dir, '-')
      const result = outcome(child)
      await started(child)
      await new Promise((wait) => setTimeout(wait, (rekeyMs * (trial + 0.5)) / 7))
      child.kill('SIGKILL')
      const { steps } = await result
      killedDuringRekey.push(steps.at(-1) === 'keyring')
      await expectSettled(dir)
    }
    expect(killedDuringRekey).toContain(true)
  }, 180_000)
})
