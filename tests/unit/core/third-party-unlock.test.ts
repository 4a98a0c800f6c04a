import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ADMIN,
  addUser,
  call,
  firstSignIn,
  ORG_NAME,
  OWN_PASSWORD,
  setUp,
  tempDir,
  testCore,
} from '../../support/core'

/** docs/security.md promises that an organization can read its data without Concord. */
describe('unlocking with tools/unlock-keyring.py and stock SQLCipher 4 settings', () => {
  const data = tempDir()
  let recoveryCode = ''
  beforeAll(async () => {
    const core = testCore(data.dir)
    recoveryCode = await setUp(core)
    await core.close()
  })
  afterAll(() => data.remove())

  const unlock = (args: string[], secret: string) =>
    execFileSync('python3', ['tools/unlock-keyring.py', join(data.dir, 'keyring.json'), ...args], {
      input: `${secret}\n`,
      encoding: 'utf8',
    }).trim()

  const readOrganization = (pragma: string) => {
    const db = new Sqlite(join(data.dir, 'concord.db'), { readonly: true })
    try {
      db.pragma(`cipher='sqlcipher'`)
      db.pragma('legacy=4')
      db.exec(pragma)
      return db.prepare('SELECT name FROM organization').pluck().get()
    } finally {
      db.close()
    }
  }

  it('with the administrator password', () => {
    const pragma = unlock(['--login', ADMIN.login], ADMIN.password)
    expect(pragma).toMatch(/^PRAGMA key = "x'[0-9a-f]{64}'";$/)
    expect(readOrganization(pragma)).toBe(ORG_NAME)
  })

  it('with the recovery code typed loosely, giving the same key', () => {
    const pragma = unlock(['--recovery'], recoveryCode.toLowerCase().replaceAll('-', ' '))
    expect(pragma).toBe(unlock(['--login', ADMIN.login], ADMIN.password))
  })

  it('refuses a wrong password', () => {
    expect(() => unlock(['--login', ADMIN.login], 'wrong-password-9')).toThrow()
  })

  it('after the administrator added an account and rotated the key', async () => {
    const before = unlock(['--login', ADMIN.login], ADMIN.password)
    const core = testCore(data.dir)
    try {
      await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
      await addUser(core, { login: 'tiaojie', displayName: '诸葛调解', role: 'mediator' })
      await firstSignIn(core, 'tiaojie')
      await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
      await call(core, 'keys.rotate', { password: ADMIN.password })
    } finally {
      await core.close()
    }
    const after = unlock(['--login', 'tiaojie'], OWN_PASSWORD)
    expect(after).not.toBe(before)
    expect(unlock(['--recovery'], recoveryCode)).toBe(after)
    expect(unlock(['--login', ADMIN.login], ADMIN.password)).toBe(after)
    expect(readOrganization(after)).toBe(ORG_NAME)
    expect(() => readOrganization(before)).toThrow(/not a database/)
  })
})
