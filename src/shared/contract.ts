import { z } from 'zod'
import {
  Account,
  DisplayName,
  KeyRotation,
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
  CaseListPage,
  CasePatch,
  CaseRef,
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
import { DocumentAvailability, DocumentGenerateInput, GeneratedDocument } from './schemas/document'
import {
  Dashboard,
  DashboardInput,
  DrilldownInput,
  DrilldownPage,
  ExportBegin,
  ExportProgress,
  ExportRef,
  FileOutput,
  FrozenReport,
  ReportCheck,
  ReportInput,
  ServiceContract,
  ServiceContractInput,
} from './schemas/statistics'
import { AuditPage, AuditQuery, AuditVerification } from './schemas/audit'
import { SearchQuery, SearchResult } from './schemas/search'
import {
  AnonymizeInput,
  DataRequestDecision,
  DataRequestInput,
  RetentionDueCase,
  RetentionPolicy,
  RetentionYears,
} from './schemas/privacy'
import { CaseCategory } from './domain/workflow/types'
import {
  ArchiveListing,
  ArchivePreview,
  ArchiveSecret,
  BackupDone,
  BackupHealth,
  BackupLogEntry,
  BackupSettings,
  BackupSettingsPatch,
  LocalPath,
} from './schemas/backup'
import {
  ImportCheckInput,
  ImportCheckOutput,
  ImportCommitInput,
  ImportCommitOutput,
  ImportOpenInput,
  ImportOpenOutput,
  ImportSaveMappingInput,
  SavedImportMapping,
} from './schemas/ledger-import'

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
/** Reading cases: the case workers, and the auditor, who gets the masked view (cases/auditor-view.ts). */
export const CASE_READERS = roles('mediator', 'supervisor', 'auditor')

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
  /** Account management (administrators): docs/security.md, "Accounts and key slots". */
  'users.accounts': channel({ input: None, output: z.array(Account), access: roles('admin') }),
  'users.resetPassword': channel({
    input: z.object({ userId: z.string().max(64), temporaryPassword: Password }),
    output: Account,
    access: roles('admin'),
  }),
  'users.disable': channel({
    input: z.object({ userId: z.string().max(64) }),
    output: Account,
    access: roles('admin'),
  }),
  'users.update': channel({
    input: z.object({
      userId: z.string().max(64),
      displayName: DisplayName.optional(),
      role: Role.optional(),
    }),
    output: Account,
    access: roles('admin'),
  }),
  'keys.rotate': channel({
    input: z.object({ password: Password }),
    output: KeyRotation,
    access: roles('admin'),
  }),

  'cases.create': channel({ input: CaseCreate, output: CaseFile, access: CASE_WORKERS }),
  'cases.list': channel({
    input: CaseListQuery,
    output: CaseListPage,
    access: CASE_READERS,
    passive: true,
  }),
  'cases.get': channel({
    input: z.object({ caseId: z.string().max(64) }),
    output: CaseFile,
    access: CASE_READERS,
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
  /** The documents a case can produce now (issue 6 items 1–3), and what each still lacks. */
  'documents.list': channel({
    input: z.object({ caseId: z.string().max(64) }),
    output: z.array(DocumentAvailability),
    access: CASE_WORKERS,
  }),
  /** One document as DOCX or PDF bytes, like attachments.get; nothing is stored. */
  'documents.generate': channel({
    input: DocumentGenerateInput,
    output: GeneratedDocument,
    access: CASE_WORKERS,
  }),
  /** The audit trail (docs/security.md): browsing it and checking its hash chain. */
  'audit.list': channel({
    input: AuditQuery,
    output: AuditPage,
    access: roles('supervisor', 'admin'),
  }),
  'audit.verify': channel({
    input: None,
    output: AuditVerification,
    access: roles('supervisor', 'admin'),
  }),

  /** PIPL (issue 4 item 4): a party's request about their own data, and its decision. */
  'dataRequests.add': channel({
    input: CaseRef.extend({ request: DataRequestInput }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'dataRequests.decide': channel({
    input: CaseRef.extend({ decision: DataRequestDecision }),
    output: CaseFile,
    access: CASE_WORKERS,
  }),
  'retention.get': channel({
    input: None,
    output: z.array(RetentionPolicy),
    access: roles('admin', 'supervisor'),
  }),
  /** Years kept after closing for one category; null keeps its cases indefinitely. */
  'retention.set': channel({
    input: z.object({ category: CaseCategory, years: RetentionYears.nullable() }),
    output: z.array(RetentionPolicy),
    access: roles('admin'),
  }),
  /** Finished cases past their retention period: numbers and dates only, for admins too. */
  'retention.due': channel({
    input: None,
    output: z.array(RetentionDueCase),
    access: roles('admin', 'supervisor'),
  }),
  'cases.anonymize': channel({
    input: AnonymizeInput,
    output: CaseFile,
    access: roles('supervisor'),
  }),
  /**
   * Full-text search over everything the user may see (issue 7): case numbers, names, phone and
   * ID fragments, addresses, summaries and timeline records; best match per case, ranked.
   */
  'search.query': channel({
    input: SearchQuery,
    output: z.array(SearchResult),
    access: CASE_WORKERS,
    passive: true,
  }),
  /** Rebuilds the search index and the stored deadline columns from the case tables. */
  'search.rebuild': channel({
    input: None,
    output: z.object({ cases: z.int() }),
    access: roles('admin', 'supervisor'),
  }),
  /**
   * Importing a case ledger (台账), issue 5 item 5: supervisors only (administrators do not
   * read case content). The file is read once by import.open and kept in the core for the
   * dry run in chunks (import.check) and the all-or-none import.commit.
   */
  'import.open': channel({
    input: ImportOpenInput,
    output: ImportOpenOutput,
    access: roles('supervisor'),
  }),
  'import.check': channel({
    input: ImportCheckInput,
    output: ImportCheckOutput,
    access: roles('supervisor'),
  }),
  'import.commit': channel({
    input: ImportCommitInput,
    output: ImportCommitOutput,
    access: roles('supervisor'),
  }),
  'import.saveMapping': channel({
    input: ImportSaveMappingInput,
    output: z.array(SavedImportMapping),
    access: roles('supervisor'),
  }),
  'import.discard': channel({ input: None, output: z.null(), access: roles('supervisor') }),
  /** Backups (issue 5): administrators only; paths are absolute and checked by the core. */
  'backup.getSettings': channel({ input: None, output: BackupSettings, access: roles('admin') }),
  'backup.updateSettings': channel({
    input: BackupSettingsPatch,
    output: BackupSettings,
    access: roles('admin'),
  }),
  'backup.create': channel({ input: None, output: BackupDone, access: roles('admin') }),
  'backup.list': channel({
    input: None,
    output: z.object({
      folder: z.string().nullable(),
      reachable: z.boolean(),
      archives: z.array(ArchiveListing),
      log: z.array(BackupLogEntry),
    }),
    access: roles('admin'),
  }),
  /**
   * The shell's folder or file dialog (Electron only; elsewhere the path is typed). The core
   * checks the caller is an administrator and answers null; the shell then shows the dialog.
   */
  'backup.pickPath': channel({
    input: z.object({ kind: z.enum(['folder', 'file']) }),
    output: z.object({ path: z.string().nullable() }),
    access: roles('admin'),
  }),
  /** Whether the home screen should warn; no paths, so every role may ask. */
  'backup.health': channel({ input: None, output: BackupHealth, access: ANY_ROLE, passive: true }),
  'backup.inspect': channel({
    input: z.object({ file: LocalPath, secret: ArchiveSecret }),
    output: ArchivePreview,
    access: roles('admin'),
  }),
  /** Replaces the case base with the archive's and locks: sign in with the archive's accounts. */
  'backup.restore': channel({
    input: z.object({ file: LocalPath, secret: ArchiveSecret }),
    output: Status,
    access: roles('admin'),
  }),
  /** Statistics (issue 6, docs/statistics.md): figures for all cases, a mediator's for their own. */
  'stats.dashboard': channel({
    input: DashboardInput,
    output: Dashboard,
    access: roles('supervisor', 'mediator', 'auditor', 'admin'),
  }),
  /** The cases behind one figure; administrators read no case lists. */
  'stats.drilldown': channel({
    input: DrilldownInput,
    output: DrilldownPage,
    access: roles('supervisor', 'mediator', 'auditor'),
  }),
  'contracts.list': channel({
    input: None,
    output: z.array(ServiceContract),
    access: roles('supervisor', 'auditor', 'admin'),
  }),
  'contracts.save': channel({
    input: ServiceContractInput,
    output: z.array(ServiceContract),
    access: roles('supervisor', 'admin'),
  }),
  'contracts.remove': channel({
    input: z.object({ id: z.string().min(1).max(64) }),
    output: z.array(ServiceContract),
    access: roles('supervisor', 'admin'),
  }),
  /** A period report as XLSX, computed now or (frozenId) exactly as it was frozen. */
  'reports.export': channel({
    input: z.union([ReportInput, z.object({ frozenId: z.string().min(1).max(64) })]),
    output: FileOutput,
    access: roles('supervisor', 'auditor'),
  }),
  'reports.freeze': channel({
    input: ReportInput,
    output: FrozenReport,
    access: roles('supervisor'),
  }),
  'reports.list': channel({
    input: None,
    output: z.array(FrozenReport),
    access: roles('supervisor', 'auditor'),
  }),
  /** Recomputes a frozen report and compares it with what was frozen. */
  'reports.verify': channel({
    input: z.object({ id: z.string().min(1).max(64) }),
    output: ReportCheck,
    access: roles('supervisor', 'auditor'),
  }),
  /** Case-list export in chunks: begin, next until done = total, finish (the file); or cancel. */
  'exports.begin': channel({
    input: ExportBegin,
    output: ExportProgress,
    access: roles('supervisor', 'mediator', 'auditor'),
  }),
  'exports.next': channel({
    input: ExportRef,
    output: ExportProgress,
    access: roles('supervisor', 'mediator', 'auditor'),
  }),
  'exports.finish': channel({
    input: ExportRef,
    output: FileOutput,
    access: roles('supervisor', 'mediator', 'auditor'),
  }),
  'exports.cancel': channel({
    input: ExportRef,
    output: z.null(),
    access: roles('supervisor', 'mediator', 'auditor'),
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
