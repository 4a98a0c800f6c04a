import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import { casePaths } from '../../../src/main/core/paths'
import { ADMIN, call, ORG_NAME, refusal, setUp, tempDir, testCore } from '../../support/core'

let data: ReturnType<typeof tempDir>
let core: Core
let clock: number
const now = () => new Date(clock)

beforeEach(() => {
  data = tempDir()
  clock = Date.parse('2026-11-25T09:00:00+08:00')
  core = testCore(data.dir, { now })
})
afterEach(async () => {
  await core.close()
  data.remove()
})

describe('first-run setup', () => {
  it('creates the case base only after the recovery code is confirmed, then is unlocked', async () => {
    expect((await call(core, 'app.status')).state).toBe('uninitialized')
    const challenge = await call(core, 'setup.begin', {
      orgName: ORG_NAME,
      orgCapacity: 'people_mediation_committee',
      admin: ADMIN,
    })
    expect(challenge.recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}$/)
    expect(challenge.confirmGroups[0]).toBeLessThan(challenge.confirmGroups[1])
    expect(readdirSync(data.dir)).toEqual([])

    const wrong = await refusal(core, 'setup.complete', { confirmation: ['AAAAA', 'BBBBB'] })
    expect(wrong.code).toBe('RECOVERY_CONFIRMATION_MISMATCH')
    expect(wrong.message).toContain('恢复码')
    expect(readdirSync(data.dir)).toEqual([])

    const groups = challenge.recoveryCode.split('-')
    // Users copy by hand: lower case and stray spaces are accepted.
    const typed = (i: number) => ` ${groups[i]?.toLowerCase()} `
    const [first, second] = challenge.confirmGroups
    const status = await call(core, 'setup.complete', {
      confirmation: [typed(first), typed(second)],
    })
    expect(status.state).toBe('unlocked')
    expect(status.session).toMatchObject({
      user: { login: ADMIN.login, displayName: ADMIN.displayName, role: 'admin' },
      orgName: ORG_NAME,
      mustChangePassword: false,
      idleLockMinutes: 10,
    })
    expect(readdirSync(data.dir).sort()).toEqual(
      expect.arrayContaining(['concord.db', 'keyring.json']),
    )
    expect(existsSync(casePaths(data.dir).setupCaseBase)).toBe(false)
  })

  it('refuses a weak administrator password with the broken rules', async () => {
    const error = await refusal(core, 'setup.begin', {
      orgName: ORG_NAME,
      orgCapacity: 'other_mediation_org',
      admin: { ...ADMIN, password: 'ouyang1234' },
    })
    expect(error.code).toBe('PASSWORD_POLICY')
    expect(error.fields?.map((f) => f.rule)).toEqual(expect.arrayContaining(['containsLogin']))
    expect(error.message).toContain('不能包含登录名')
  })

  it('cannot run twice', async () => {
    await setUp(core)
    const error = await refusal(core, 'setup.begin', {
      orgName: '另一个机构',
      orgCapacity: 'other_mediation_org',
      admin: { ...ADMIN, login: 'other' },
    })
    expect(error.code).toBe('ALREADY_INITIALIZED')
  })

  it('completing without beginning is refused', async () => {
    expect((await refusal(core, 'setup.complete', { confirmation: ['a', 'b'] })).code).toBe(
      'SETUP_NOT_STARTED',
    )
  })
})

describe('unlocking', () => {
  let recoveryCode: string
  beforeEach(async () => {
    recoveryCode = await setUp(core)
    await call(core, 'auth.lock')
  })

  it('locks, then unlocks with the password (login is case-insensitive)', async () => {
    expect((await call(core, 'app.status')).state).toBe('locked')
    expect((await refusal(core, 'settings.get')).code).toBe('NOT_AUTHENTICATED')
    const status = await call(core, 'auth.unlock', {
      login: ' OuYang ',
      password: ADMIN.password,
    })
    expect(status.state).toBe('unlocked')
    expect(await call(core, 'settings.get')).toEqual({
      orgName: ORG_NAME,
      orgCapacity: 'people_mediation_committee',
      idleLockMinutes: 10,
      caseNumberPattern: '〔{year}〕{abbr}调字第{seq}号',
    })
  })

  it('answers a wrong password and an unknown login the same way, in Chinese', async () => {
    const wrongPassword = await refusal(core, 'auth.unlock', {
      login: ADMIN.login,
      password: 'nope-nope-1',
    })
    const unknownLogin = await refusal(core, 'auth.unlock', {
      login: 'nobody',
      password: ADMIN.password,
    })
    expect(wrongPassword).toEqual(unknownLogin)
    expect(wrongPassword).toEqual({ code: 'WRONG_CREDENTIALS', message: '登录名或密码不正确。' })
    expect((await call(core, 'app.status')).state).toBe('locked')
  })

  it('slows down after repeated failures, then locks out, and survives a restart', async () => {
    const attempt = () =>
      refusal(core, 'auth.unlock', { login: ADMIN.login, password: 'wrong-password-1' })
    for (let i = 0; i < 3; i++) expect((await attempt()).code).toBe('WRONG_CREDENTIALS')
    const throttled = await attempt()
    expect(throttled).toMatchObject({ code: 'THROTTLED', params: { seconds: 1 } })
    expect(throttled.message).toBe('尝试次数过多，请在 1 秒后重试。')

    // Even the right password waits out the delay.
    const blocked = await refusal(core, 'auth.unlock', {
      login: ADMIN.login,
      password: ADMIN.password,
    })
    expect(blocked.code).toBe('THROTTLED')

    for (let failures = 4; failures <= 10; failures++) {
      clock += 60_000
      expect((await attempt()).code).toBe('WRONG_CREDENTIALS')
    }
    await core.close()
    core = testCore(data.dir, { now })
    const locked = await refusal(core, 'auth.unlock', {
      login: ADMIN.login,
      password: ADMIN.password,
    })
    expect(locked).toMatchObject({ code: 'LOCKED_OUT', params: { minutes: 15 } })

    clock += 15 * 60_000
    expect(
      (await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })).state,
    ).toBe('unlocked')
    // Success resets the count.
    await call(core, 'auth.lock')
    expect((await attempt()).code).toBe('WRONG_CREDENTIALS')
  })

  it('the recovery code unlocks and forces a new admin password; the old one stops working', async () => {
    const { admins } = await call(core, 'auth.unlockWithRecoveryCode', {
      recoveryCode: recoveryCode.toLowerCase().replaceAll('-', ' '),
    })
    expect(admins).toEqual([
      expect.objectContaining({
        login: ADMIN.login,
        displayName: ADMIN.displayName,
        role: 'admin',
      }),
    ])
    expect((await call(core, 'app.status')).state).toBe('recovery')
    // Recovery mode opens nothing but the password reset.
    expect((await refusal(core, 'settings.get')).code).toBe('NOT_AUTHENTICATED')

    const admin = admins[0]!
    const weak = await refusal(core, 'auth.resetAdminPassword', {
      userId: admin.id,
      newPassword: 'short',
    })
    expect(weak.code).toBe('PASSWORD_POLICY')
    const status = await call(core, 'auth.resetAdminPassword', {
      userId: admin.id,
      newPassword: 'Huangpu-River-88',
    })
    expect(status.state).toBe('unlocked')

    await call(core, 'auth.lock')
    const old = await refusal(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
    expect(old.code).toBe('WRONG_CREDENTIALS')
    const fresh = await call(core, 'auth.unlock', {
      login: ADMIN.login,
      password: 'Huangpu-River-88',
    })
    expect(fresh.state).toBe('unlocked')
  })

  it('a wrong recovery code is refused and counted', async () => {
    const error = await refusal(core, 'auth.unlockWithRecoveryCode', {
      recoveryCode: 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567',
    })
    expect(error.code).toBe('WRONG_CREDENTIALS')
    expect(readFileSync(casePaths(data.dir).recoveryAttempts, 'utf8')).toContain('"failures":1')
  })

  it('changes the own password after checking the current one', async () => {
    await call(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })
    const wrongCurrent = await refusal(core, 'auth.changePassword', {
      currentPassword: 'not-the-password-1',
      newPassword: 'Minhang-Garden-77',
    })
    expect(wrongCurrent.code).toBe('WRONG_CREDENTIALS')
    const same = await refusal(core, 'auth.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: ADMIN.password,
    })
    expect(same.code).toBe('PASSWORD_REUSED')
    await call(core, 'auth.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'Minhang-Garden-77',
    })
    await call(core, 'auth.lock')
    expect(
      (await refusal(core, 'auth.unlock', { login: ADMIN.login, password: ADMIN.password })).code,
    ).toBe('WRONG_CREDENTIALS')
    expect(
      (await call(core, 'auth.unlock', { login: ADMIN.login, password: 'Minhang-Garden-77' }))
        .state,
    ).toBe('unlocked')
  })
})

describe('idle lock', () => {
  it('locks after the configured idle time and counts only user requests as activity', async () => {
    await setUp(core)
    await call(core, 'settings.update', { idleLockMinutes: 5 })
    clock += 4 * 60_000
    await call(core, 'settings.get')
    clock += 4 * 60_000
    // Status polling is passive: it must not keep the case base open.
    expect((await call(core, 'app.status')).state).toBe('unlocked')
    clock += 60_000
    expect((await call(core, 'app.status')).state).toBe('locked')
    expect((await refusal(core, 'settings.get')).code).toBe('NOT_AUTHENTICATED')
  })

  it('activity reported by the window keeps the case base open', async () => {
    await setUp(core)
    for (let minute = 0; minute < 30; minute += 5) {
      clock += 5 * 60_000
      await call(core, 'app.activity')
    }
    expect((await call(core, 'app.status')).state).toBe('unlocked')
    clock += 10 * 60_000
    expect((await call(core, 'app.status')).state).toBe('locked')
    expect((await refusal(core, 'app.activity')).code).toBe('NOT_AUTHENTICATED')
  })

  it('the background timer locks without any request', async () => {
    await core.close()
    core = testCore(data.dir, { now, idleCheckMs: 20 })
    await setUp(core)
    clock += 11 * 60_000
    await new Promise((resolve) => setTimeout(resolve, 100))
    // The timer already closed the case base; this status call only reads the state.
    expect((await call(core, 'app.status')).state).toBe('locked')
  })
})

describe('language', () => {
  it('localizes errors in the chosen language and remembers it across restarts', async () => {
    expect((await call(core, 'app.status')).language).toBe('zh-CN')
    await call(core, 'prefs.setLanguage', { language: 'en' })
    expect((await refusal(core, 'settings.get')).message).toBe(
      'The case base is locked. Sign in again.',
    )
    await core.close()
    core = testCore(data.dir, { now })
    expect((await call(core, 'app.status')).language).toBe('en')
  })
})
