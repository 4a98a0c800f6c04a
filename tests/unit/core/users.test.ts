import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/router'
import {
  ADMIN,
  addUser,
  call,
  firstSignIn,
  refusal,
  setUp,
  TEMPORARY_PASSWORD,
  tempDir,
  testCore,
} from '../../support/core'

let data: ReturnType<typeof tempDir>
let core: Core
beforeEach(async () => {
  data = tempDir()
  core = testCore(data.dir)
  await setUp(core)
})
afterEach(async () => {
  await core.close()
  data.remove()
})

describe('accounts', () => {
  it('creates a user with a temporary password they must replace at first login', async () => {
    const user = await addUser(core, {
      login: 'tiaojie',
      displayName: '诸葛调解',
      role: 'mediator',
    })
    expect(user).toMatchObject({ displayName: '诸葛调解', role: 'mediator' })

    const status = await call(core, 'auth.unlock', {
      login: 'tiaojie',
      password: TEMPORARY_PASSWORD,
    })
    expect(status.session).toMatchObject({ mustChangePassword: true, user: { role: 'mediator' } })
    expect((await refusal(core, 'cases.list', {})).code).toBe('PASSWORD_CHANGE_REQUIRED')

    await call(core, 'auth.lock')
    await firstSignIn(core, 'tiaojie')
    expect((await call(core, 'cases.list', {})).total).toBe(0)
  })

  it('refuses a login already taken, naming the field', async () => {
    const error = await refusal(core, 'users.create', {
      login: ADMIN.login,
      displayName: '重名',
      role: 'mediator',
      temporaryPassword: TEMPORARY_PASSWORD,
    })
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'login', rule: 'taken' }] })
  })

  it('applies the password policy to the temporary password', async () => {
    const error = await refusal(core, 'users.create', {
      login: 'tiaojie',
      displayName: '诸葛调解',
      role: 'mediator',
      temporaryPassword: '12345678',
    })
    expect(error.code).toBe('PASSWORD_POLICY')
    expect(error.fields).toContainEqual({ path: 'temporaryPassword', rule: 'tooShort' })
    expect((await call(core, 'users.list')).map((u) => u.displayName)).toEqual([ADMIN.displayName])
  })

  it('lists active users for pickers: id, name and role only', async () => {
    await addUser(core, { login: 'zhuguan', displayName: '司马主管', role: 'supervisor' })
    const users = await call(core, 'users.list')
    expect(users.map((u) => Object.keys(u).sort())).toEqual([
      ['displayName', 'id', 'role'],
      ['displayName', 'id', 'role'],
    ])
    expect(users.map((u) => u.role).sort()).toEqual(['admin', 'supervisor'])
  })
})
