import type { Generated } from 'kysely'
import type { z } from 'zod'
import type { Role } from '../../../shared/schemas/account'
import type {
  CaseSource,
  CivilCapacity,
  District,
  HouseholdInput,
  IdType,
  LegalBasis,
  PartyRelationKind,
  PartyRole,
  RiskLevel,
  TimelineEntry,
} from '../../../shared/schemas/case'
import type { OrgCapacity } from '../../../shared/schemas/organization'
import type { DataRequestKind, DataRequestOutcome } from '../../../shared/schemas/privacy'
import type { CaseCategory, TransitionAction } from '../../../shared/domain/workflow/types'

/**
 * The one written-down shape of every table (camelCase here, snake_case in SQL through
 * Kysely's CamelCasePlugin). Migrations create exactly this; services derive row types from it.
 */
export interface OrganizationTable {
  id: Generated<number>
  name: string
  capacity: OrgCapacity
  idleLockMinutes: Generated<number>
  /** {year}, {abbr} and {seq} are replaced when a case is registered (cases/number.ts). */
  caseNumberPattern: Generated<string>
  createdAt: string
}

export interface UserTable {
  id: string
  login: string
  displayName: string
  role: Role
  mustChangePassword: Generated<number>
  disabledAt: string | null
  createdAt: string
  updatedAt: string
}

/** Booleans are 0/1 integers (SQLite has no boolean type). */
type Flag = number

export interface CaseTable {
  id: string
  number: string
  year: number
  category: CaseCategory
  seq: number
  stage: string
  source: z.infer<typeof CaseSource>
  summary: string
  district: z.infer<typeof District>
  street: string
  riskLevel: z.infer<typeof RiskLevel>
  acceptedAt: string
  /** JSON of CaseDetails. */
  details: string
  /** JSON of CaseProgress. */
  progress: string
  /** Optimistic concurrency: every write names the version it read and bumps it. */
  version: number
  createdBy: string
  createdAt: string
  updatedAt: string
  /** Set when the case was anonymized after its retention period (migration 0009). */
  anonymizedAt: Generated<string | null>
  /** Earliest due date of a clock not done (migration 0012; cases/deadline-columns.ts). */
  nextDue: Generated<string | null>
  /** China wall-clock minute from which a statutory clock is overdue (migration 0012). */
  overdueFrom: Generated<string | null>
}

export interface CaseMediatorTable {
  caseId: string
  userId: string
  role: 'lead' | 'co'
}

export interface PartyTable {
  id: string
  caseId: string
  kind: 'person' | 'organization'
  name: string
  role: z.infer<typeof PartyRole>
  idType: z.infer<typeof IdType> | null
  idNumber: string | null
  phone: string | null
  address: string | null
  civilCapacity: z.infer<typeof CivilCapacity>
  minor: Flag
  legalBasis: z.infer<typeof LegalBasis>
  sensitiveConsent: Flag
  householdId: string | null
  createdAt: string
  updatedAt: string
}

/** `partyId` stands in `relation` to `otherPartyId` (migration 0006). */
export interface PartyRelationTable {
  caseId: string
  partyId: string
  otherPartyId: string
  relation: z.infer<typeof PartyRelationKind>
  createdAt: string
}

export interface HouseholdTable {
  id: string
  caseId: string
  unit: string
  position: string | null
  agreementStatus: z.infer<typeof HouseholdInput>['agreementStatus']
  createdAt: string
  updatedAt: string
}

export interface StageTransitionTable {
  id: Generated<number>
  caseId: string
  fromStage: string
  toStage: string
  action: TransitionAction
  actorId: string
  approvedById: string | null
  reason: string | null
  otherRoutesNotice: Flag
  overrideReason: string | null
  at: string
}

export interface TimelineEntryTable {
  id: string
  caseId: string
  kind: z.infer<typeof TimelineEntry>['kind']
  occurredAt: string
  place: string | null
  /** JSON array of names. */
  attendees: string
  restricted: Flag
  body: string
  /** Set on 'stageChange' entries: the transition they record. */
  transitionId: number | null
  authorId: string
  createdAt: string
}

/** When a clock's start event happened on a case ('accepted', 'petitionReceived' …). */
export interface CaseEventTable {
  caseId: string
  eventId: string
  at: string
  recordedBy: string
}

/** A pause (中止) or an extension (延长) of one clock on a case (migration 0004). */
export interface ClockAdjustmentTable {
  id: string
  caseId: string
  clockId: string
  kind: 'pause' | 'extension'
  pauseFrom: string | null
  pauseTo: string | null
  length: number | null
  reason: string
  approvedById: string | null
  recordedBy: string
  recordedAt: string
}

/** An administrator's correction of one day of the holiday calendar (migration 0005). */
export interface CalendarOverrideTable {
  date: string
  kind: 'holiday' | 'workday' | 'ordinary'
  reason: string
  recordedBy: string
  recordedAt: string
}

export interface ChecklistItemTable {
  caseId: string
  itemId: string
  present: Flag
  notedBy: string | null
  notedAt: string | null
}

/** A file kept inside the encrypted case base, never on disk in clear (migration 0003). */
export interface AttachmentTable {
  id: string
  caseId: string
  /** The 卷宗 checklist item this file documents. */
  checklistItemId: string | null
  timelineEntryId: string | null
  fileName: string
  mediaType: string
  size: number
  /** Hex SHA-256 of the bytes, to spot duplicates and check integrity. */
  sha256: string
  data: Buffer
  restricted: Flag
  uploadedBy: string
  uploadedAt: string
}

/** The one row of backup settings (migration 0010). */
export interface BackupSettingsTable {
  id: Generated<number>
  folder: string | null
  /** 'HH:MM' China time, or null for no daily backup. */
  dailyAt: string | null
  onExit: Generated<Flag>
  keepDaily: Generated<number>
  keepWeekly: Generated<number>
  keepMonthly: Generated<number>
  warnAfterDays: Generated<number>
}

/** One backup attempt (migration 0010): times, kind, file name, error code; nothing personal. */
export interface BackupLogTable {
  id: string
  createdAt: string
  kind: 'manual' | 'scheduled' | 'exit' | 'safety' | 'cli'
  status: 'verified' | 'failed'
  folder: string
  fileName: string | null
  size: number | null
  ms: number | null
  errorCode: string | null
}

/** A user's saved filter of the case list (migration 0007). */
export interface SavedFilterTable {
  id: string
  userId: string
  name: string
  /** JSON of SavedFilterQuery: the list's filter and sort fields, never offset or limit. */
  query: string
  createdAt: string
}

/** A data-subject request of one party (PIPL Arts. 44–50; migration 0009). */
export interface DataRequestTable {
  id: string
  caseId: string
  partyId: string
  kind: z.infer<typeof DataRequestKind>
  receivedAt: string
  request: string
  outcome: z.infer<typeof DataRequestOutcome>
  response: string | null
  decidedAt: string | null
  recordedBy: string
  createdAt: string
}

/** How many years after closing a category's cases are kept before anonymization. */
export interface RetentionPolicyTable {
  category: CaseCategory
  years: number
  updatedBy: string
  updatedAt: string
}

/** One entry of the hash-chained audit trail (migration 0008; src/main/core/audit). */
export interface AuditEntryTable {
  seq: number
  at: string
  userId: string | null
  action: string
  caseId: string | null
  outcome: 'ok' | 'denied'
  /** Hex SHA-256 over the entry's detail rows; null when it has none. */
  detailsHash: string | null
  prevHash: string
  entryHash: string
}

/** One changed field of an audit entry; before/after are NULL only once erased (PIPL). */
export interface AuditDetailTable {
  seq: number
  idx: number
  path: string
  /** Hex; erased with the values. */
  salt: string | null
  before: string | null
  after: string | null
  valueHash: string
}

/** Which case (and timeline entry) each row of the search index tables belongs to (0012). */
export interface SearchDocTable {
  id: Generated<number>
  caseId: string
  entryId: string | null
}

/** Derived per case for statistics (migration 0013, stats/facts.ts); dates are China dates. */
export interface CaseFactTable {
  caseId: string
  caseVersion: number
  calendarStamp: string
  category: CaseCategory
  stage: string
  source: z.infer<typeof CaseSource>
  district: z.infer<typeof District>
  leadMediatorId: string
  acceptedAt: string
  conclusionDue: string | null
  concludedOn: string | null
  closedOn: string | null
  outcome: 'agreement' | 'termination' | null
  durationDays: number | null
  performanceDue: string | null
  followedUpOn: string | null
}

/** 服务购买合同 (migration 0013); `targets` is JSON of Target[]. */
export interface ServiceContractTable {
  id: string
  title: string
  purchaser: string
  contractNo: string
  from: string
  to: string
  district: z.infer<typeof District> | null
  targets: string
  updatedBy: string
  updatedAt: string
}

/** A submitted period report (migration 0013); `content` is the JSON its SHA-256 covers. */
export interface FrozenReportTable {
  id: string
  title: string
  from: string
  to: string
  asOf: string
  contractId: string | null
  content: string
  sha256: string
  frozenBy: string
  frozenAt: string
}

/** A saved column mapping of case ledgers (migration 0011); `mapping` is JSON. */
export interface ImportMappingTable {
  id: string
  name: string
  mapping: string
  updatedBy: string
  updatedAt: string
}

export interface Database {
  organization: OrganizationTable
  user: UserTable
  case: CaseTable
  caseMediator: CaseMediatorTable
  party: PartyTable
  partyRelation: PartyRelationTable
  household: HouseholdTable
  stageTransition: StageTransitionTable
  timelineEntry: TimelineEntryTable
  caseEvent: CaseEventTable
  checklistItem: ChecklistItemTable
  attachment: AttachmentTable
  clockAdjustment: ClockAdjustmentTable
  calendarOverride: CalendarOverrideTable
  savedFilter: SavedFilterTable
  backupSettings: BackupSettingsTable
  backupLog: BackupLogTable
  auditEntry: AuditEntryTable
  auditDetail: AuditDetailTable
  dataRequest: DataRequestTable
  retentionPolicy: RetentionPolicyTable
  searchDoc: SearchDocTable
  caseFact: CaseFactTable
  serviceContract: ServiceContractTable
  frozenReport: FrozenReportTable
  importMapping: ImportMappingTable
}
