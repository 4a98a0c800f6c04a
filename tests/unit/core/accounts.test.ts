import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readKeyring, userSlot } from '../../../src/main/core/db/keyring'
import { casePaths } from '../../../src/main/core/paths'
import type { Core } from '../../../src/main/core/router'
import type { Role } from '../../../src/shared/schemas/account'
import {
  ADMIN,
  addUser,
  call,
  firstSignIn,
  OWN_PASSWORD,
  refusal,
  setUp,
  signInAs,
  type StaffMember,
  tempDir,
  testCore,
} from '../../support/core'

const RESET_PASSWORD = 'Chongzhi-Mima-2027'

let data: ReturnType<typeof tempDir>
let core: Core
let people: Record<'supervisor' | 'mediator' | 'auditor', StaffMember>
let adminId: string

beforeEach(async () => {
  data = tempDir()
  core = testCore(data.dir)
  await setUp(core)
  people = {
    supervisor: await addUser(core, {
      login: 'zhuguan',
      displayName: '司马主管',
      role: 'supervisor',
    }),
    mediator: await addUser(core, { login: 'tiaojie', displayName: '诸葛调解', role: 'mediator' }),
    auditor: await addUser(core, { login: 'pinggu', displayName: '东方评估', role: 'auditor' }),
  }
  adminId = (await call(core, 'users.accounts')).find((a) => a.login === ADMIN.login)!.id
  for (const person of Object.values(people)) await firstSignIn(core, person.login)
  await signInAs(core, ADMIN.login)
})
afterEach(async () => {
  await core.close()
  data.remove()
})

const keyring = () => readKeyring(casePaths(data.dir).keyring)
const account = async (login: string) =>
  (await call(core, 'users.accounts')).find((a) => a.login === login)!

describe('who may manage accounts', () => {
  const channels: [string, () => unknown][] = [
    ['users.accounts', () => undefined],
    [
      'users.resetPassword',
      () => ({ userId: people.mediator.id, temporaryPassword: RESET_PASSWORD }),
    ],
    ['users.disable', () => ({ userId: people.mediator.id })],
    ['users.update', () => ({ userId: people.mediator.id, role: 'supervisor' })],
    ['keys.rotate', () => ({ password: OWN_PASSWORD })],
  ]
  const others: Role[] = ['supervisor', 'mediator', 'auditor']
  it.each(others)('refuses every account channel to the %s', async (role) => {
    const login = people[role as keyof typeof people].login
    await signInAs(core, login)
    for (const [channel, payload] of channels) {
      expect((await refusal(core, channel, payload())).code, channel).toBe('FORBIDDEN')
    }
    await signInAs(core, ADMIN.login)
    expect((await account('tiaojie')).role).toBe('mediator')
    expect((await account('tiaojie')).disabled).toBe(false)
  })

  it('lists every account for the administrator, with state and no secrets', async () => {
    const accounts = await call(core, 'users.accounts')
    expect(accounts.map((a) => [a.login, a.role, a.disabled, a.mustChangePassword])).toEqual([
      [ADMIN.login, 'admin', false, false],
      ['pinggu', 'auditor', false, false],
      ['tiaojie', 'mediator', false, false],
      ['zhuguan', 'supervisor', false, false],
    ])
    expect(Object.keys(accounts[0]!).sort()).toEqual([
      'createdAt',
      'disabled',
      'displayName',
      'id',
      'login',
      'mustChangePassword',
      'role',
    ])
  })
})

describe('users.resetPassword', () => {
  it('gives a new slot for a temporary password that must be changed at the next login', async () => {
    const before = userSlot(keyring(), 'tiaojie')!
    const reset = await call(core, 'users.resetPassword', {
      userId: people.mediator.id,
      temporaryPassword: RESET_PASSWORD,
    })
    expect(reset).toMatchObject({ login: 'tiaojie', mustChangePassword: true, disabled: false })
    const after = userSlot(keyring(), 'tiaojie')!
    expect(after.id).not.toBe(before.id)
    expect(keyring().keys[0]!.wraps.map((w) => w.slot)).not.toContain(before.id)
    expect(readFileSync(casePaths(data.dir).keyring, 'utf8')).not.toContain(RESET_PASSWORD)

    expect(
      (await refusal(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })).code,
    ).toBe('WRONG_CREDENTIALS')
    const status = await call(core, 'auth.unlock', { login: 'tiaojie', password: RESET_PASSWORD })
    expect(status.session?.mustChangePassword).toBe(true)
    expect((await refusal(core, 'cases.list', {})).code).toBe('PASSWORD_CHANGE_REQUIRED')
    await call(core, 'auth.changePassword', {
      currentPassword: RESET_PASSWORD,
      newPassword: OWN_PASSWORD,
    })
    expect((await call(core, 'cases.list', {})).total).toBe(0)
  })

  it('applies the password policy without echoing the password', async () => {
    const error = await refusal(core, 'users.resetPassword', {
      userId: people.mediator.id,
      temporaryPassword: 'tiaojie2026',
    })
    expect(error.code).toBe('PASSWORD_POLICY')
    expect(error.fields?.every((f) => f.path === 'temporaryPassword')).toBe(true)
    expect(JSON.stringify(error)).not.toContain('tiaojie2026')
    expect((await account('tiaojie')).mustChangePassword).toBe(false)
  })

  it('refuses the administrator’s own account and unknown accounts', async () => {
    const own = { userId: adminId, temporaryPassword: RESET_PASSWORD }
    expect((await refusal(core, 'users.resetPassword', own)).code).toBe('SELF_ACCOUNT')
    const unknown = { userId: 'nobody', temporaryPassword: RESET_PASSWORD }
    expect((await refusal(core, 'users.resetPassword', unknown)).code).toBe('NOT_FOUND')
  })
})

describe('users.disable', () => {
  it('removes the slot: the password unlocks nothing, and a reset enables the account again', async () => {
    const slot = userSlot(keyring(), 'tiaojie')!
    const disabled = await call(core, 'users.disable', { userId: people.mediator.id })
    expect(disabled).toMatchObject({ login: 'tiaojie', disabled: true })
    expect(userSlot(keyring(), 'tiaojie')).toBeUndefined()
    expect(keyring().slots.map((s) => s.id)).not.toContain(slot.id)
    expect(keyring().keys[0]!.wraps.map((w) => w.slot)).not.toContain(slot.id)
    expect((await call(core, 'users.list')).map((u) => u.displayName)).not.toContain('诸葛调解')

    const refused = await refusal(core, 'auth.unlock', { login: 'tiaojie', password: OWN_PASSWORD })
    // The same answer as for an unknown login: the slot is gone, not just flagged.
    expect(refused.code).toBe('WRONG_CREDENTIALS')

    await signInAs(core, ADMIN.login)
    const enabled = await call(core, 'users.resetPassword', {
      userId: people.mediator.id,
      temporaryPassword: RESET_PASSWORD,
    })
    expect(enabled).toMatchObject({ disabled: false, mustChangePassword: true })
    const status = await call(core, 'auth.unlock', { login: 'tiaojie', password: RESET_PASSWORD })
    expect(status.session?.mustChangePassword).toBe(true)
  })

  it('refuses to disable the administrator’s own account', async () => {
    expect((await refusal(core, 'users.disable', { userId: adminId })).code).toBe('SELF_ACCOUNT')
    expect(userSlot(keyring(), ADMIN.login)).toBeDefined()
  })

  it('disables another administrator, keeping the one signed in', async () => {
    const second = await addUser(core, {
      login: 'guanli2',
      displayName: '第二管理员',
      role: 'admin',
    })
    await call(core, 'users.disable', { userId: second.id })
    expect((await account('guanli2')).disabled).toBe(true)
  })
})

describe('users.update', () => {
  it('changes the name and the role', async () => {
    const updated = await call(core, 'users.update', {
      userId: people.mediator.id,
      displayName: '诸葛明',
      role: 'supervisor',
    })
    expect(updated).toMatchObject({ displayName: '诸葛明', role: 'supervisor' })
    await signInAs(core, 'tiaojie')
    expect((await call(core, 'app.status')).session?.user.role).toBe('supervisor')
  })

  it('validates the name', async () => {
    const error = await refusal(core, 'users.update', {
      userId: people.mediator.id,
      displayName: ' ',
    })
    expect(error.code).toBe('VALIDATION')
  })

  it('never leaves the organization without an active administrator', async () => {
    const error = await refusal(core, 'users.update', { userId: adminId, role: 'mediator' })
    expect(error.code).toBe('LAST_ADMIN')
    expect((await account(ADMIN.login)).role).toBe('admin')
  })

  it('lets an administrator hand over the role once another administrator exists', async () => {
    await call(core, 'users.update', { userId: people.supervisor.id, role: 'admin' })
    const own = await call(core, 'users.update', { userId: adminId, role: 'supervisor' })
    expect(own.role).toBe('supervisor')
    // The session follows at once: the former administrator manages accounts no more.
    expect((await call(core, 'app.status')).session?.user.role).toBe('supervisor')
    expect((await refusal(core, 'users.accounts')).code).toBe('FORBIDDEN')
  })
})
