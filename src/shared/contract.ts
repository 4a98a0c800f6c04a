import { z } from 'zod'
import {
  DisplayName,
  Language,
  Login,
  Password,
  Role,
  Status,
  UserSummary,
} from './schemas/account'
import { SettingsPatch, Settings, SetupChallenge, SetupInput } from './schemas/organization'
import {
  CaseCreate,
  CaseFile,
  CaseListQuery,
  CasePatch,
  CaseRef,
  CaseSummary,
  ClockView,
  HouseholdInput,
  PartyInput,
  PartyRelation,
  TimelineInput,
  TransitionInput,
  UserPick,
} from './schemas/case'
import { ClockExtendInput, ClockPauseInput } from './schemas/case'
import { CalendarOverrideInput, CalendarView } from './schemas/calendar'
import { SavedFilter, SavedFilterSave } from './schemas/saved-filter'
import { EventId } from './domain/workflow/types'
import {
  AttachmentAddInput,
  AttachmentContent,
  AttachmentGetInput,
  AttachmentRemoveInput,
} from './attachments'
import { IsoDate, IsoDateTime } from './domain/iso-date'

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
/** Case content: mediators (their assigned cases only, checked in the core) and supervisors. */
export const CASE_WORKERS = roles('mediator', 'supervisor')

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

  'users.list': channel({ input: None, output: z.array(UserPick), access: ANY_ROLE }),
  'users.create': channel({
    input: z.object({
      displayName: DisplayName,
      login: Login,
      role: Role,
      temporaryPassword: Password,
    }),
    output: UserPick,
    access: roles('admin'),
  }),

  'cases.create': channel({ input: CaseCreate, output: CaseFile, access: CASE_WORKERS }),
  'cases.list': channel({
    input: CaseListQuery,
    output: z.object({ total: z.int(), rows: z.array(CaseSummary) }),
    access: CASE_WORKERS,
    passive: true,
  }),
  'cases.get': channel({
    input: z.object({ caseId: z.string().max(64) }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'cases.update': channel({
    input: CaseRef.extend({ patch: CasePatch }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'cases.transition': channel({ input: TransitionInput, output: CaseFile, access: CASE_WORKERS }),
  'cases.recordEvent': channel({
    input: CaseRef.extend({ event: EventId, at: z.union([IsoDate, IsoDateTime]) }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'parties.add': channel({
    input: CaseRef.extend({ party: PartyInput }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'parties.update': channel({
    input: CaseRef.extend({ partyId: z.string().max(64), party: PartyInput }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'parties.remove': channel({
    input: CaseRef.extend({ partyId: z.string().max(64) }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  /** Sets how partyId stands to otherPartyId (replacing any earlier relation of that pair). */
  'parties.relate': channel({
    input: CaseRef.extend(PartyRelation.shape),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'parties.unrelate': channel({
    input: CaseRef.extend(PartyRelation.pick({ partyId: true, otherPartyId: true }).shape),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'households.add': channel({
    input: CaseRef.extend({ household: HouseholdInput }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'households.update': channel({
    input: CaseRef.extend({ householdId: z.string().max(64), household: HouseholdInput }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'timeline.add': channel({
    input: CaseRef.extend({ entry: TimelineInput }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'checklist.set': channel({
    input: CaseRef.extend({ itemId: z.string().max(64), present: z.boolean() }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  /** Files kept inside the encrypted case base, size-limited and type-checked (issue 3 item 5). */
  'attachments.add': channel({ input: AttachmentAddInput, output: CaseFile, access: CASE_WORKERS }),
  'attachments.get': channel({
    input: AttachmentGetInput,
    output: AttachmentContent,
    access: CASE_WORKERS,
  }),
  'attachments.remove': channel({
    input: AttachmentRemoveInput,
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'deadlines.board': channel({
    input: None,
    output: z.array(
      z.object({
        caseId: z.string(),
        number: z.string(),
        category: z.string(),
        leadMediatorId: z.string(),
        leadMediatorName: z.string(),
        clock: ClockView,
      }),
    ),
    access: CASE_WORKERS,
    passive: true,
  }),
  'clocks.pause': channel({ input: ClockPauseInput, output: CaseFile, access: CASE_WORKERS }),
  'clocks.extend': channel({ input: ClockExtendInput, output: CaseFile, access: CASE_WORKERS }),
  'calendar.get': channel({ input: None, output: CalendarView, access: ANY_ROLE }),
  'calendar.setOverride': channel({
    input: CalendarOverrideInput,
    output: CalendarView,
    access: roles('admin'),
  }),
  'calendar.removeOverride': channel({
    input: z.object({ date: IsoDate }),
    output: CalendarView,
    access: roles('admin'),
  }),
  /** The signed-in user's own saved case-list filters (issue 3 item 8), by name. */
  'filters.list': channel({ input: None, output: z.array(SavedFilter), access: CASE_WORKERS }),
  /** Saves the filter under its name, replacing the user's filter of that name; returns the list. */
  'filters.save': channel({
    input: SavedFilterSave,
    output: z.array(SavedFilter),
    access: CASE_WORKERS,
  }),
  'filters.remove': channel({
    input: z.object({ id: z.string().max(64) }),
    output: z.array(SavedFilter),
    access: CASE_WORKERS,
  }),
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export const CHANNELS = Object.keys(contract) as Channel[]

export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

/**
 * Channels that change one case: their input names the case and the version it was made
 * against, and they answer with the updated case file. Derived, so a new one needs no list.
 */
export type CaseWrite = {
  [C in Channel]: ChannelInput<C> extends { caseId: string; version: number }
    ? ChannelOutput<C> extends CaseFile
      ? C
      : never
    : never
}[Channel]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}
