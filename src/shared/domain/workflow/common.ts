import type { z } from 'zod'
import type { Role } from '../../schemas/account'
import { WorkflowDefinition, type Transition } from './types'

/**
 * The People's Mediation Law (人民调解法, "PML") workflow every category shares. Category files
 * add their own fields, guards, clocks and checklist items to these.
 */
type TransitionInput = z.input<typeof Transition>
type DefinitionInput = z.input<typeof WorkflowDefinition>

const CASE_WORKERS: Role[] = ['mediator', 'supervisor']

const STAGES: DefinitionInput['stages'] = [
  { id: 'intake', status: 'active' }, // PML Arts. 17–18: application, own initiative, referral
  { id: 'rightsNotice', status: 'active' }, // Art. 23 rights, told before mediating
  { id: 'investigation', status: 'active', optional: true }, // Art. 20, as the dispute needs
  { id: 'mediation', status: 'active' }, // Art. 27: every session recorded
  { id: 'agreement', status: 'active' }, // Arts. 28–29
  { id: 'judicialConfirmation', status: 'active', optional: true }, // Art. 33
  { id: 'performance', status: 'active' }, // Art. 31: performance supervised, follow-up visit
  { id: 'closed', status: 'archived' }, // 结案/归档
  { id: 'terminated', status: 'ended' }, // Art. 26
]

/** Facts a guard reads, shared by all categories (display labels: workflow.field.<id>). */
const FIELDS = [
  'caseSource',
  'summary',
  'district',
  'leadMediator',
  'parties',
  'acceptedAt',
  'rightsNotifiedAt',
  'agreementEffectiveAt',
  'performanceDeadline',
  'judicialConfirmationAppliedAt',
  'judicialConfirmationResult',
  'followUpAt',
  /** The agreement concerns marriage, identity (身份) or adoption: no judicial confirmation. */
  'personalStatusMatter',
]

const CHECKLIST: DefinitionInput['checklist'] = [
  // PML Art. 27 and DESIGN.md §3: the 卷宗 holds the register, the records and the outcome.
  { id: 'application', required: 'always' }, // 调解申请书 / 受理登记表
  { id: 'rightsNotice', required: 'always' }, // 权利义务告知书
  { id: 'identityProof', required: 'always' }, // 当事人身份证明
  { id: 'mediationRecord', required: 'always' }, // 调解笔录 / 调解工作记录
  { id: 'agreement', required: 'onAgreement' }, // 调解协议书, or the record of an oral one (Art. 28)
  { id: 'terminationNotice', required: 'onTermination' }, // 终止调解告知记录 (Art. 26)
  { id: 'powerOfAttorney', required: 'asNeeded' },
  { id: 'investigationRecord', required: 'asNeeded' },
  { id: 'evidence', required: 'asNeeded' },
  { id: 'performanceProof', required: 'asNeeded' },
  { id: 'followUpRecord', required: 'asNeeded' },
  { id: 'confirmationPapers', required: 'asNeeded' },
]

const TRANSITIONS: TransitionInput[] = [
  {
    from: ['intake'],
    to: 'rightsNotice',
    action: 'advance',
    roles: CASE_WORKERS,
    requiredFields: ['caseSource', 'summary', 'district', 'leadMediator', 'parties', 'acceptedAt'],
    requiredDocuments: ['application', 'identityProof'],
  },
  ...['investigation', 'mediation'].map((to): TransitionInput => ({
    from: ['rightsNotice'],
    to,
    action: 'advance',
    roles: CASE_WORKERS,
    requiredFields: ['rightsNotifiedAt'],
    requiredDocuments: ['rightsNotice'],
  })),
  {
    from: ['investigation'],
    to: 'mediation',
    action: 'advance',
    roles: CASE_WORKERS,
    requiredDocuments: ['investigationRecord'],
  },
  {
    from: ['mediation'],
    to: 'agreement',
    action: 'advance',
    roles: CASE_WORKERS,
    requiredDocuments: ['mediationRecord'],
  },
  {
    // Art. 29: the agreement states how and by when it is to be performed.
    from: ['agreement'],
    to: 'performance',
    action: 'advance',
    roles: CASE_WORKERS,
    requiredFields: ['agreementEffectiveAt', 'performanceDeadline'],
    requiredDocuments: ['agreement'],
  },
  {
    // Parties apply jointly within 30 days of the agreement taking effect (Art. 33). Courts do
    // not confirm agreements on marriage, identity or adoption (最高人民法院关于人民调解协议
    // 司法确认程序的若干规定, 2011, Art. 4).
    from: ['agreement'],
    to: 'judicialConfirmation',
    action: 'advance',
    roles: CASE_WORKERS,
    requiredFields: [
      'agreementEffectiveAt',
      'performanceDeadline',
      'judicialConfirmationAppliedAt',
    ],
    requiredDocuments: ['agreement'],
    excludedWhen: ['personalStatusMatter'],
  },
  {
    from: ['performance'],
    to: 'judicialConfirmation',
    action: 'advance',
    roles: CASE_WORKERS,
    requiredFields: ['judicialConfirmationAppliedAt'],
    excludedWhen: ['personalStatusMatter'],
  },
  {
    from: ['judicialConfirmation'],
    to: 'performance',
    action: 'advance',
    roles: CASE_WORKERS,
    requiredFields: ['judicialConfirmationResult'],
    requiredDocuments: ['confirmationPapers'],
  },
  {
    from: ['performance'],
    to: 'closed',
    action: 'close',
    roles: CASE_WORKERS,
    requiredFields: ['followUpAt'],
    completeFile: 'onAgreement',
    needsSupervisorApproval: true,
    documentsOverridable: true,
  },
  {
    // Art. 26: mediation ends when it fails or a party asks to stop; once the agreement has
    // taken effect the case goes on to performance instead. At intake: a party refuses (Art. 17).
    from: ['intake', 'rightsNotice', 'investigation', 'mediation', 'agreement'],
    to: 'terminated',
    action: 'terminate',
    roles: CASE_WORKERS,
    needsReason: true,
    needsOtherRoutesNotice: true,
  },
  {
    from: ['terminated'],
    to: 'closed',
    action: 'close',
    roles: CASE_WORKERS,
    completeFile: 'onTermination',
    needsSupervisorApproval: true,
    documentsOverridable: true,
  },
  {
    from: ['closed', 'terminated'],
    to: 'mediation',
    action: 'reopen',
    roles: ['supervisor'],
    needsReason: true,
  },
]

const CLOCKS: DefinitionInput['clocks'] = [
  {
    id: 'practiceConclusion',
    source: '人民调解工作若干规定（司法部令第75号，2002）第三十三条',
    kind: 'practice',
    obligor: 'organization',
    startEvent: 'accepted',
    length: 1,
    unit: 'months',
    extendable: true,
    pausable: true,
    note: 'The text says 一般在一个月内调结 — one month, so counted as a month (Civil Code Art. 202), not as 30 days. A soft target: 一般 allows longer mediation.',
  },
  {
    id: 'judicialConfirmationApplication',
    source: '人民调解法第三十三条',
    kind: 'statutory',
    obligor: 'party',
    startEvent: 'agreementEffective',
    length: 30,
    unit: 'days',
    extendable: false,
    pausable: false,
    note: '自调解协议生效之日起三十日内: calendar days (日).',
  },
]

/** The shared PML workflow, without a category; each category file spreads and extends it. */
export const PML_WORKFLOW = {
  stages: STAGES,
  initialStage: 'intake',
  fields: FIELDS,
  transitions: TRANSITIONS,
  clocks: CLOCKS,
  checklist: CHECKLIST,
} satisfies Omit<DefinitionInput, 'category'>

/** Extra guards for one transition, e.g. the family facts needed before leaving intake. */
export interface GuardAddition {
  readonly from: string
  readonly to: string
  readonly requiredFields?: readonly string[]
  readonly requiredDocuments?: readonly string[]
}

/**
 * The transitions with guards added to the one leading from `from` to `to` (a transition with
 * several sources gets them for all of its sources). An addition naming no transition throws,
 * so a renamed stage cannot silently drop a category's guard.
 */
export function withGuards(
  transitions: readonly TransitionInput[],
  additions: readonly GuardAddition[],
): TransitionInput[] {
  for (const a of additions) {
    if (!transitions.some((t) => t.to === a.to && t.from.includes(a.from))) {
      throw new Error(`no transition ${a.from}→${a.to}`)
    }
  }
  return transitions.map((t) =>
    additions
      .filter((a) => t.to === a.to && t.from.includes(a.from))
      .reduce<TransitionInput>(
        (acc, a) => ({
          ...acc,
          requiredFields: [...(acc.requiredFields ?? []), ...(a.requiredFields ?? [])],
          requiredDocuments: [...(acc.requiredDocuments ?? []), ...(a.requiredDocuments ?? [])],
        }),
        t,
      ),
  )
}

/** Validates a definition once, when its module loads. */
export function defineWorkflow(input: DefinitionInput): WorkflowDefinition {
  return WorkflowDefinition.parse(input)
}
