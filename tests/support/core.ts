import { afterEach, beforeEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract'
import type { AppError } from '../../src/shared/errors'
import type { Role } from '../../src/shared/schemas/account'
import { createCore, type Core, type CoreOptions } from '../../src/main/core/router'

/** The cheapest scrypt the keyring accepts: real crypto, fast tests. */
export const TEST_SCRYPT_COST = { N: 2 ** 12, r: 8, p: 1 }

export const ORG_NAME = '浦江测试人民调解委员会'
export const ADMIN = { displayName: '欧阳明远', login: 'ouyang', password: 'Qingshan-Lu-2026' }

export function tempDir(prefix = 'concord-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export function testCore(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  return createCore({ dataDir, scryptCost: TEST_SCRYPT_COST, ...options })
}

export async function call<C extends Channel>(
  core: Core,
  channel: C,
  ...payload: undefined extends ChannelInput<C> ? [ChannelInput<C>?] : [ChannelInput<C>]
): Promise<ChannelOutput<C>> {
  const result = await core.handle({ channel, payload: payload[0] })
  if (!result.ok) throw Object.assign(new Error(result.error.code), { appError: result.error })
  return result.value as ChannelOutput<C>
}

/** Calls a channel that is expected to fail and returns its error. */
export async function refusal(core: Core, channel: string, payload?: unknown): Promise<AppError> {
  const result = await core.handle({ channel, payload })
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`)
  return result.error
}

/** First-run setup through the contract, as the setup screen does it. Returns the recovery code. */
export async function setUp(core: Core): Promise<string> {
  const { recoveryCode, confirmGroups } = await call(core, 'setup.begin', {
    orgName: ORG_NAME,
    orgCapacity: 'people_mediation_committee',
    admin: ADMIN,
  })
  const groups = recoveryCode.split('-')
  const [first, second] = confirmGroups
  await call(core, 'setup.complete', { confirmation: [groups[first] ?? '', groups[second] ?? ''] })
  return recoveryCode
}

/** The temporary password an administrator hands out, and the one each user then chooses. */
export const TEMPORARY_PASSWORD = 'Linshi-Kouling-2026'
export const OWN_PASSWORD = 'Huangpu-Jiang-Feng-88'

export type StaffMember = ChannelOutput<'users.create'> & { login: string }
export type Staff = Record<'supervisor' | 'mediator' | 'colleague', StaffMember>

/** Creates an account as the administrator (who must be signed in). */
export async function addUser(
  core: Core,
  user: { login: string; displayName: string; role: Role },
): Promise<StaffMember> {
  const created = await call(core, 'users.create', {
    ...user,
    temporaryPassword: TEMPORARY_PASSWORD,
  })
  return { ...created, login: user.login }
}

/** A new account's first login: the temporary password, then the user's own, as the app demands. */
export async function firstSignIn(core: Core, login: string): Promise<void> {
  await call(core, 'auth.unlock', { login, password: TEMPORARY_PASSWORD })
  await call(core, 'auth.changePassword', {
    currentPassword: TEMPORARY_PASSWORD,
    newPassword: OWN_PASSWORD,
  })
}

/** Switches the session to `login` (after firstSignIn; the administrator with ADMIN's password). */
export async function signInAs(core: Core, login: string): Promise<void> {
  const password = login === ADMIN.login ? ADMIN.password : OWN_PASSWORD
  await call(core, 'auth.unlock', { login, password })
}

/**
 * A set-up organization with a supervisor and two mediators, each past their first login.
 * Leaves the supervisor signed in.
 */
export async function setUpStaff(core: Core): Promise<Staff> {
  await setUp(core)
  const staff: Staff = {
    supervisor: await addUser(core, {
      login: 'zhuguan',
      displayName: '司马主管',
      role: 'supervisor',
    }),
    mediator: await addUser(core, { login: 'tiaojie', displayName: '诸葛调解', role: 'mediator' }),
    colleague: await addUser(core, { login: 'tongshi', displayName: '上官同事', role: 'mediator' }),
  }
  for (const user of [staff.mediator, staff.colleague, staff.supervisor]) {
    await firstSignIn(core, user.login)
  }
  return staff
}

/**
 * Registers a fresh case base for every test of the file: set up, with staff (setUpStaff),
 * signed in as `who` (the first mediator unless said otherwise), closed and deleted after.
 * `ready` receives the core and staff for the test's own variables.
 */
export function eachTestWithStaff(
  options: { now?: () => Date; who?: (staff: Staff) => string },
  ready: (env: { core: Core; staff: Staff }) => void,
): void {
  let data: ReturnType<typeof tempDir>
  let core: Core
  beforeEach(async () => {
    data = tempDir()
    core = testCore(data.dir, options.now ? { now: options.now } : {})
    const staff = await setUpStaff(core)
    await signInAs(core, options.who?.(staff) ?? staff.mediator.login)
    ready({ core, staff })
  })
  afterEach(async () => {
    await core.close()
    data.remove()
  })
}
