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
  PartyRole,
  RiskLevel,
  TimelineEntry,
} from '../../../shared/schemas/case'
import type { OrgCapacity } from '../../../shared/schemas/organization'
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

export interface ChecklistItemTable {
  caseId: string
  itemId: string
  present: Flag
  notedBy: string | null
  notedAt: string | null
}

export interface Database {
  organization: OrganizationTable
  user: UserTable
  case: CaseTable
  caseMediator: CaseMediatorTable
  party: PartyTable
  household: HouseholdTable
  stageTransition: StageTransitionTable
  timelineEntry: TimelineEntryTable
  caseEvent: CaseEventTable
  checklistItem: ChecklistItemTable
}
