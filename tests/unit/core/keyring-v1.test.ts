import { execFileSync } from 'node:child_process'
import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readKeyring } from '../../../src/main/core/db/keyring'
import { openCaseBase } from '../../../src/main/core/db/open'
import { casePaths } from '../../../src/main/core/paths'
import type { Core } from '../../../src/main/core/router'
import { ADMIN, call, OWN_PASSWORD, refusal, tempDir, testCore } from '../../support/core'

/**
 * The first release wrote keyring format 1 (tests/fixtures/casebase-v0007). Its slots keep
 * working, each is replaced by a format-2 slot when its secret next unlocks, and key rotation
 * waits until none is left, since it cannot rewrap them.
 */
const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'casebase-v0007')
const KEY = readFileSync(join(FIXTURE, 'key.hex'), 'utf8').trim()

let data: ReturnType<typeof tempDir>
let core: Core
beforeEach(() => {
  data = tempDir()
  for (const file of ['concord.db', 'keyring.json']) {
    cpSync(join(FIXTURE, file), join(data.dir, file))
  }
  core = testCore(data.dir)
})
afterEach(async () => {
  await core.close()
  data.remove()
})

const keyring = () => readKeyring(casePaths(data.dir).keyring)
const fileVersion = () =>
  (JSON.parse(readFileSync(casePaths(data.dir).keyring, 'utf8')) as { version: number }).version

describe('a keyring of format 1', () => {
  it('opens with the third-party tool', () => {
    const unlock = (login: string, password: string) =>
      execFileSync(
        'python3',
        ['tools/unlock-keyring.py', casePaths(data.dir).keyring, '--login', login],
        {
          input: `${password}\n`,
          encoding: 'utf8',
        },
      ).trim()
    expect(unlock('zhuguan', OWN_PASSWORD)).toBe(`PRAGMA key = "x'${KEY}'";`)
  })

  it('replaces each slot by a format-2 slot when its password unlocks', async () => {
    expect(fileVersion()).toBe(1)
    await call(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
    expect(fileVersion()).toBe(2)
    let ring = keyring()
    expect(ring.slots).toHaveLength(1)
    expect(ring.legacySlots).toHaveLength(4)
    expect(ring.keys).toMatchObject([{ generation: 1, wraps: [{ slot: ring.slots[0]!.id }] }])

    await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
    ring = keyring()
    expect(ring.slots).toHaveLength(2)
    expect(ring.legacySlots).toHaveLength(3)
    // Both still sign in, now through their new slots; the others through their old ones.
    await call(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
    await call(core, 'auth.unlock', { login: 'zhuguan', password: OWN_PASSWORD })
    expect(keyring().legacySlots).toHaveLength(2)
  })

  it('holds key rotation back while old slots remain, and disabling removes one', async () => {
    await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
    const before = readFileSync(casePaths(data.dir).keyring, 'utf8')
    const refused = await refusal(core, 'keys.rotate', { password: ADMIN.password })
    expect(refused).toMatchObject({
      code: 'KEY_ROTATION_LEGACY',
      params: { users: 3, recovery: 1 },
    })
    expect(readFileSync(casePaths(data.dir).keyring, 'utf8')).toBe(before)
    expect((await call(core, 'users.list')).length).toBeGreaterThan(0)

    const tongshi = (await call(core, 'users.accounts')).find((a) => a.login === 'tongshi')!
    await call(core, 'users.disable', { userId: tongshi.id })
    expect(keyring().legacySlots).toHaveLength(3)
    expect(
      (await refusal(core, 'auth.unlock', { login: 'tongshi', password: OWN_PASSWORD })).code,
    ).toBe('WRONG_CREDENTIALS')
  })

  it('drops the old slot of an account disabled under format 1', async () => {
    // The first release disabled accounts in the case base only; their slots stayed.
    const caseBase = openCaseBase(casePaths(data.dir).caseBase, Buffer.from(KEY, 'hex'), {
      create: false,
    })
    caseBase.sqlite
      .prepare(`UPDATE user SET disabled_at = '2026-11-01T00:00:00.000Z' WHERE login = 'tongshi'`)
      .run()
    await caseBase.close()
    await call(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
    expect(keyring().legacySlots).toHaveLength(3)
    expect(
      (await refusal(core, 'auth.unlock', { login: 'tongshi', password: OWN_PASSWORD })).code,
    ).toBe('WRONG_CREDENTIALS')
  })
})
