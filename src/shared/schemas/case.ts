import { z } from 'zod'
import { IsoDate, IsoDateTime } from '../domain/iso-date'
import { Phone } from '../domain/phone'
import { ResidentId } from '../domain/resident-id'
import {
  CaseCategory,
  StageId,
  TransitionAction,
  TransitionProblem,
} from '../domain/workflow/types'
import { Password, Role } from './account'
import { DataRequest } from './privacy'
import { WithheldPart } from '../domain/sensitive'

/**
 * A case file (卷宗) as it crosses the IPC boundary. Issue 3. Display text for every enum value
 * lives in the locale files under the same id (case.source.<id>, workflow.stage.<id> …).
 */
export { CaseCategory }

export const CaseSource = z.enum([
  'application', // 当事人申请 (PML Art. 17)
  'ownInitiative', // 主动调解 (Art. 17)
  'policeReferral', // 公安移交 (Art. 18)
  'courtEntrusted', // 法院委托 (Art. 18)
  'governmentAssigned', // 政府指定
  'petitionTransfer', // 信访转办
])

/** Shanghai's 16 districts (行政区划代码 3101xx), the dispute's location. */
export const District = z.enum([
  'huangpu',
  'xuhui',
  'changning',
  'jingan',
  'putuo',
  'hongkou',
  'yangpu',
  'minhang',
  'baoshan',
  'jiading',
  'pudong',
  'jinshan',
  'songjiang',
  'qingpu',
  'fengxian',
  'chongming',
])

export const RiskLevel = z.enum(['low', 'medium', 'high', 'critical'])

const Text = (max: number) => z.string().trim().max(max)
const Name = z.string().trim().min(1).max(80)
const Money = z.number().nonnegative().max(1e12)
const Area = z.number().nonnegative().max(1e7)
const Id = z.string().min(1).max(64)

/**
 * One entry of a family case's incident log (DESIGN.md §3): when it happened (a date, or a
 * date and time), what happened, and the three facts a risk assessment asks first.
 */
export const Incident = z.object({
  at: z.union([IsoDate, IsoDateTime]),
  description: z.string().trim().min(1).max(2000),
  injuries: z.boolean(),
  policeCalled: z.boolean(),
  childrenWitnessed: z.boolean(),
})
export type Incident = z.infer<typeof Incident>

/** Category-specific facts (issue 3, item 3). Keys double as workflow guard fields. */
export const FamilyDetails = z.object({
  category: z.literal('family'),
  relationship: z
    .enum([
      'spouses',
      'formerSpouses',
      'cohabiting',
      'parentChild',
      'siblings',
      'elderCare',
      'otherFamily',
    ])
    .optional(),
  childrenPresent: z.boolean().optional(),
  riskTool: Text(80).optional(),
  mandatoryReportAssessed: z.boolean().optional(),
  warningLetterNo: Text(60).optional(),
  warningLetterDate: IsoDate.optional(),
  protectionOrderNo: Text(60).optional(),
  protectionOrderIssuedAt: IsoDate.optional(),
  protectionOrderExpiresAt: IsoDate.optional(),
  shelterReferral: z.boolean().optional(),
  safetyPlan: Text(4000).optional(),
  incidents: z.array(Incident).max(200).optional(),
})

export const PetitionDetails = z.object({
  category: z.literal('petition'),
  /** 信访工作条例 Arts. 29–31. */
  petitionCategory: z.enum(['suggestion', 'accusation', 'appeal']).optional(),
  handlingAgency: Text(120).optional(),
  petitionReceivedAt: IsoDate.optional(),
  petitionAcceptedAt: IsoDate.optional(),
  /** Group visits choose at most 5 representatives (Art. 20). */
  groupVisitRepresentatives: z.int().min(0).max(5).optional(),
})

export const ExpropriationDetails = z.object({
  category: z.literal('expropriation'),
  expropriationDecisionNo: Text(80).optional(),
  expropriationDecisionDate: IsoDate.optional(),
  tenure: z.enum(['owner', 'publicHousingTenant']).optional(),
  area: Area.optional(),
  valuation: Money.optional(),
  valuationRecheckRequestedAt: IsoDate.optional(),
  compensationChoice: z.enum(['cash', 'propertySwap', 'mixed']).optional(),
  resettlementFlat: Text(200).optional(),
})

export const OwnersDetails = z.object({
  category: z.literal('owners'),
  estate: Text(120).optional(),
  committeeTermStart: IsoDate.optional(),
  committeeTermEnd: IsoDate.optional(),
  propertyCompany: Text(120).optional(),
  propertyContractExpiry: IsoDate.optional(),
  /** Maintenance fund balance as a share of the initial amount, percent (top-up below 30). */
  maintenanceFundPercent: z.number().min(0).max(1000).optional(),
})

export const CaseDetails = z.discriminatedUnion('category', [
  FamilyDetails,
  PetitionDetails,
  ExpropriationDetails,
  OwnersDetails,
])
export type CaseDetails = z.infer<typeof CaseDetails>

/** One agreed term (PML Art. 29: 履行方式、时限): what, how, and by when. */
export const AgreementTerm = z.object({
  content: z.string().trim().min(1).max(2000),
  method: Text(500).optional(),
  deadline: IsoDate.optional(),
})
export type AgreementTerm = z.infer<typeof AgreementTerm>

/**
 * What the parties agreed (PML Arts. 28–29), the substance of the 调解协议书 or of the record of
 * an oral agreement. Household cases (动拆迁, 业委会) add each household's own terms to the
 * shared ones; their agreements are generated in one batch.
 */
export const AgreementContent = z.object({
  form: z.enum(['written', 'oral']),
  /** 纠纷的主要事实 */
  facts: Text(4000).optional(),
  /** 争议事项 */
  issues: Text(4000).optional(),
  /** 各方当事人的责任 */
  responsibility: Text(4000).optional(),
  terms: z.array(AgreementTerm).max(50).default([]),
  signedAt: IsoDate.optional(),
  place: Text(120).optional(),
  /** 本协议一式 N 份 */
  copies: z.int().min(1).max(20).optional(),
  householdTerms: z
    .array(z.object({ householdId: Id, terms: Text(4000) }))
    .max(1000)
    .default([]),
})
export type AgreementContent = z.infer<typeof AgreementContent>

/** Facts every category records as the case moves on (the shared workflow guard fields). */
export const CaseProgress = z.object({
  rightsNotifiedAt: IsoDate.optional(),
  agreementEffectiveAt: IsoDate.optional(),
  performanceDeadline: IsoDate.optional(),
  judicialConfirmationAppliedAt: IsoDate.optional(),
  judicialConfirmationResult: z.enum(['confirmed', 'rejected']).optional(),
  followUpAt: IsoDate.optional(),
  personalStatusMatter: z.boolean().optional(),
  agreement: AgreementContent.optional(),
})

export const CaseCore = z.object({
  source: CaseSource,
  summary: z.string().trim().min(1).max(2000),
  district: District,
  street: Text(60),
  leadMediatorId: Id,
  coMediatorIds: z.array(Id).max(10),
  riskLevel: RiskLevel,
  acceptedAt: IsoDate,
})

export const CaseCreate = CaseCore.extend({ details: CaseDetails })

export const CasePatch = CaseCore.partial().extend({
  details: CaseDetails.optional(),
  progress: CaseProgress.optional(),
})

export const PartyRole = z.enum([
  'applicant',
  'respondent',
  'thirdParty',
  'agent',
  'representative',
])
export const IdType = z.enum([
  'residentId',
  'passport',
  'hkMacaoPermit',
  'taiwanPermit',
  'foreignPermanentId',
  'unifiedCreditCode',
  'other',
])
export const CivilCapacity = z.enum(['full', 'limited', 'none'])
/** PIPL Art. 13: why the organization may hold this person's data. */
export const LegalBasis = z.enum(['consent', 'legalDuty', 'emergency'])

export const PartyInput = z
  .object({
    kind: z.enum(['person', 'organization']),
    name: Name,
    role: PartyRole,
    idType: IdType.optional(),
    idNumber: Text(40).optional(),
    phone: Phone.optional(),
    address: Text(200).optional(),
    civilCapacity: CivilCapacity.default('full'),
    minor: z.boolean().default(false),
    legalBasis: LegalBasis,
    /** PIPL Arts. 28–31: separate consent for sensitive data (health, minors, whereabouts). */
    sensitiveConsent: z.boolean().default(false),
    householdId: Id.nullable().default(null),
  })
  .superRefine((party, ctx) => {
    if (party.idType === 'residentId' && party.idNumber) {
      const check = ResidentId.safeParse(party.idNumber)
      if (!check.success) {
        ctx.addIssue({
          code: 'custom',
          path: ['idNumber'],
          message: check.error.issues[0]?.message ?? 'residentId',
        })
      }
    }
  })
export type PartyInput = z.input<typeof PartyInput>

export const Party = z.object({
  id: Id,
  kind: z.enum(['person', 'organization']),
  name: z.string(),
  role: PartyRole,
  idType: IdType.nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  civilCapacity: CivilCapacity,
  minor: z.boolean(),
  legalBasis: LegalBasis,
  sensitiveConsent: z.boolean(),
  householdId: z.string().nullable(),
})
export type Party = z.infer<typeof Party>

/** How one party stands to another: "张三 — 配偶 — 李四" reads partyId — relation — otherPartyId. */
export const PartyRelationKind = z.enum([
  'spouse',
  'formerSpouse',
  'cohabitant',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'guardian',
  'ward',
  'agentOf',
  'representativeOf',
  'employee',
  'other',
])
export const PartyRelation = z.object({
  partyId: Id,
  otherPartyId: Id,
  relation: PartyRelationKind,
})
export type PartyRelation = z.infer<typeof PartyRelation>

/** 动拆迁 / 业委会 cases: a flat or unit (房号) with its position and agreement status. */
export const HouseholdInput = z.object({
  unit: z.string().trim().min(1).max(60),
  position: Text(1000).optional(),
  agreementStatus: z.enum(['pending', 'negotiating', 'signed', 'refused']),
})
export const Household = HouseholdInput.extend({ id: Id, position: z.string().nullable() })

export const TimelineKind = z.enum([
  'session',
  'investigation',
  'call',
  'visit',
  'followUp',
  'note',
])
export const TimelineInput = z.object({
  kind: TimelineKind,
  occurredAt: IsoDateTime,
  place: Text(120).optional(),
  attendees: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
  /** A caucus (背靠背) session or restricted material: stays out of exports unless chosen. */
  restricted: z.boolean().default(false),
  body: z.string().trim().min(1).max(100_000),
})
export const TimelineEntry = z.object({
  id: Id,
  kind: z.union([TimelineKind, z.literal('stageChange')]),
  occurredAt: z.string(),
  place: z.string().nullable(),
  attendees: z.array(z.string()),
  restricted: z.boolean(),
  body: z.string(),
  authorName: z.string(),
  /** On 'stageChange' entries: the move recorded; the body holds its reason, if any. */
  transition: z
    .object({
      from: z.string(),
      to: z.string(),
      action: TransitionAction,
      approvedByName: z.string().nullable(),
      /** PML Art. 26: the parties were told their other routes. */
      otherRoutesNotice: z.boolean(),
      /** A supervisor closed with documents missing, for this reason. */
      overrideReason: z.string().nullable(),
    })
    .nullable(),
})

export const ClockView = z.object({
  clockId: z.string(),
  source: z.string(),
  kind: z.enum(['statutory', 'practice']),
  obligor: z.string(),
  start: z.string(),
  due: z.string(),
  /** Days left (negative when overdue), counted in calendar days from today in China. */
  daysLeft: z.number(),
  status: z.enum(['running', 'dueSoon', 'overdue', 'done']),
  /** What the clock's definition allows: the 期限 tab offers 中止 / 延长 only where it may. */
  unit: z.string().default('days'),
  pausable: z.boolean().default(false),
  extendable: z.boolean().default(false),
  maxExtension: z.int().nullable().default(null),
  /** Pauses (中止) and extensions (延长) recorded on this clock, oldest first. */
  pauses: z
    .array(
      z.object({
        id: z.string(),
        from: z.string(),
        to: z.string(),
        reason: z.string(),
        recordedByName: z.string(),
      }),
    )
    .default([]),
  extensions: z
    .array(
      z.object({
        id: z.string(),
        length: z.int(),
        reason: z.string(),
        approvedByName: z.string(),
        recordedByName: z.string(),
      }),
    )
    .default([]),
})

export const ChecklistView = z.object({
  itemId: z.string(),
  required: z.enum(['always', 'onAgreement', 'onTermination', 'asNeeded']),
  present: z.boolean(),
})

/** A file in the 卷宗 (its bytes come only through attachments.get). */
export const AttachmentView = z.object({
  id: Id,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.int(),
  checklistItemId: z.string().nullable(),
  restricted: z.boolean(),
  uploadedAt: z.string(),
  uploaderName: z.string(),
})
export type AttachmentView = z.infer<typeof AttachmentView>

export const NextStep = z.object({
  to: StageId,
  action: z.enum(['advance', 'terminate', 'close', 'reopen']),
  problems: z.array(TransitionProblem),
})

export const CaseSummary = z.object({
  id: Id,
  number: z.string(),
  category: CaseCategory,
  stage: z.string(),
  summary: z.string(),
  district: District,
  riskLevel: RiskLevel,
  acceptedAt: z.string(),
  leadMediatorName: z.string(),
  /** Earliest due date among the clocks not yet done, for the list's deadline column. */
  nextDue: z.string().nullable(),
  /** A clock not yet done is past its due date (practice targets included: see ClockView.kind). */
  overdue: z.boolean(),
  updatedAt: z.string(),
})
export type CaseSummary = z.infer<typeof CaseSummary>

export const CaseFile = z.object({
  id: Id,
  number: z.string(),
  version: z.int(),
  category: CaseCategory,
  stage: z.string(),
  source: CaseSource,
  summary: z.string(),
  district: District,
  street: z.string(),
  riskLevel: RiskLevel,
  acceptedAt: z.string(),
  leadMediator: z.object({ id: z.string(), displayName: z.string() }),
  coMediators: z.array(z.object({ id: z.string(), displayName: z.string() })),
  details: CaseDetails,
  progress: CaseProgress,
  parties: z.array(Party),
  relations: z.array(PartyRelation),
  households: z.array(Household),
  timeline: z.array(TimelineEntry),
  checklist: z.array(ChecklistView),
  attachments: z.array(AttachmentView),
  clocks: z.array(ClockView),
  nextSteps: z.array(NextStep),
  /** PIPL requests of the parties about their own data. */
  dataRequests: z.array(DataRequest),
  /**
   * 'masked' is the auditor's read-only view (issue 4): people masked, the parts listed in
   * `withheld` left out entirely. Everyone else sees 'full' with nothing withheld.
   */
  view: z.enum(['full', 'masked']),
  withheld: z.array(WithheldPart),
  /** After anonymization only what statistics need is left; the case can no longer change. */
  anonymizedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type CaseFile = z.infer<typeof CaseFile>

export const CaseListQuery = z.object({
  category: CaseCategory.optional(),
  stage: StageId.max(64).optional(),
  mediatorId: Id.optional(),
  district: District.optional(),
  riskLevel: RiskLevel.optional(),
  overdue: z.boolean().optional(),
  acceptedFrom: IsoDate.optional(),
  acceptedTo: IsoDate.optional(),
  /** Case number, party name, phone or ID-number fragment. */
  text: z.string().trim().max(60).optional(),
  sort: z.enum(['acceptedAt', 'number', 'updatedAt', 'nextDue']).default('acceptedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** Keyset pagination: the `next` of the page before; absent for the first page. */
  after: z.string().max(300).optional(),
  limit: z.int().min(1).max(500).default(100),
})

export const CaseListPage = z.object({
  /** How many cases match, counted for the first page only (null on later pages). */
  total: z.int().nullable(),
  rows: z.array(CaseSummary),
  /** Where the next page starts; null when this page is the last. */
  next: z.string().nullable(),
})

/** Optimistic concurrency: every write names the version it was made against. */
export const CaseRef = z.object({ caseId: Id, version: z.int().min(1) })

/** 中止: the days from `from` to `to`, both included, do not count (see domain/period.ts). */
export const ClockPauseInput = CaseRef.extend({
  clockId: Id,
  from: IsoDate,
  to: IsoDate,
  reason: Text(2000).pipe(z.string().min(1)),
})

/** 延长: by `length` units of the clock's own unit, with a supervisor's signed approval. */
export const ClockExtendInput = CaseRef.extend({
  clockId: Id,
  length: z.int().positive().max(10_000),
  reason: Text(2000).pipe(z.string().min(1)),
  approval: z.object({ userId: Id, password: Password }).optional(),
})

export const TransitionInput = CaseRef.extend({
  to: StageId.max(64),
  reason: Text(2000).optional(),
  /**
   * A supervisor approving at the mediator's desk picks their account and types their own
   * password, which the core checks against their key slot: naming a supervisor is not approval.
   */
  approval: z.object({ userId: Id, password: Password }).optional(),
  otherRoutesNoticeGiven: z.boolean().optional(),
  documentsOverrideReason: Text(2000).optional(),
})

export const UserPick = z.object({ id: z.string(), displayName: z.string(), role: Role })
