import { z } from 'zod'
import { Language, Login, Password, Role, Status, UserSummary } from './schemas/account'
import { SettingsPatch, Settings, SetupChallenge, SetupInput } from './schemas/organization'

/**
 * Who may call a channel. `anyone` channels work while the case base is locked (status,
 * setup, unlock); `recovery` only after the recovery code unlocked it; `roles` need a logged-in
 * user with one of the roles. There is no default: a channel without a rule does not compile,
 * and tests/unit/contract.test.ts fails on a rule that is not one of these.
 */
export type Access =
  | { readonly kind: 'anyone' }
  | { readonly kind: 'recovery' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] }

export const ANYONE: Access = { kind: 'anyone' }
export const RECOVERY: Access = { kind: 'recovery' }
export const roles = (...allowed: Role[]): Access => ({ kind: 'roles', roles: allowed })
export const ANY_ROLE = roles(...Role.options)

interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I
  readonly output: O
  readonly access: Access
  /** Channels that the idle timer must not count as user activity. */
  readonly passive?: true
}

const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>) => def

const None = z.undefined()

/** The single source of truth for IPC: preload surface, renderer types, router and permissions. */
export const contract = {
  'app.status': channel({ input: None, output: Status, access: ANYONE, passive: true }),
  /** Typing and reading make no requests; the window reports them so the core's idle timer agrees. */
  'app.activity': channel({ input: None, output: z.null(), access: ANY_ROLE }),
  'prefs.setLanguage': channel({
    input: z.object({ language: Language }),
    output: Status,
    access: ANYONE,
  }),

  'setup.begin': channel({ input: SetupInput, output: SetupChallenge, access: ANYONE }),
  'setup.complete': channel({
    input: z.object({ confirmation: z.tuple([z.string().max(64), z.string().max(64)]) }),
    output: Status,
    access: ANYONE,
  }),

  'auth.unlock': channel({
    input: z.object({ login: Login, password: Password }),
    output: Status,
    access: ANYONE,
  }),
  'auth.unlockWithRecoveryCode': channel({
    input: z.object({ recoveryCode: z.string().max(128) }),
    output: z.object({ admins: z.array(UserSummary) }),
    access: ANYONE,
  }),
  'auth.resetAdminPassword': channel({
    input: z.object({ userId: z.string().max(64), newPassword: Password }),
    output: Status,
    access: RECOVERY,
  }),
  'auth.lock': channel({ input: None, output: Status, access: ANYONE }),
  'auth.changePassword': channel({
    input: z.object({ currentPassword: Password, newPassword: Password }),
    output: Status,
    access: ANY_ROLE,
  }),

  'settings.get': channel({ input: None, output: Settings, access: ANY_ROLE }),
  'settings.update': channel({ input: SettingsPatch, output: Settings, access: roles('admin') }),
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export const CHANNELS = Object.keys(contract) as Channel[]

export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}
