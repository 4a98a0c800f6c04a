import { z } from 'zod'
import { Role } from '../../schemas/account'
import { PeriodUnit } from '../period'

/**
 * The shape of a workflow definition: the stages a case of one category moves through, the
 * transitions between them with their guards, the clocks that run, and the case-file (卷宗)
 * checklist. Definitions are data (one file per category) read by one engine; ids are
 * camelCase so that they double as i18n keys — no display text lives here.
 */
export const CaseCategory = z.enum(['family', 'expropriation', 'petition', 'owners'])
export type CaseCategory = z.infer<typeof CaseCategory>

const Id = z.string().regex(/^[a-z][A-Za-z0-9]*$/)
export const StageId = Id
export const FieldId = Id
export const DocumentId = Id
export const ClockId = Id
export const EventId = Id

export const Stage = z.object({
  id: StageId,
  /** active: work in progress; ended: mediation over, file not yet archived; archived: closed. */
  status: z.enum(['active', 'ended', 'archived']),
  /** Stages a case may pass by (investigation, judicial confirmation). */
  optional: z.boolean().default(false),
})
export type Stage = z.infer<typeof Stage>

export const TransitionAction = z.enum(['advance', 'terminate', 'close', 'reopen'])
export type TransitionAction = z.infer<typeof TransitionAction>

export const Transition = z.object({
  from: z.array(StageId).min(1),
  to: StageId,
  action: TransitionAction,
  /** Who may perform it; anyone else gets notAllowedForRole. */
  roles: z.array(Role).min(1),
  /** Case fields that must hold a value (false and 0 count as values: they were answered). */
  requiredFields: z.array(FieldId).default([]),
  /** 卷宗 checklist items that must be in the file. */
  requiredDocuments: z.array(DocumentId).default([]),
  /**
   * The whole 卷宗 must be complete for a case that ended this way: every 'always' item of the
   * checklist plus those required on this outcome. Read from the checklist, so an item a
   * category adds is required at closing without touching the transition.
   */
  completeFile: z.enum(['onAgreement', 'onTermination']).optional(),
  /** Not available at all while any of these case flags is true. */
  excludedWhen: z.array(FieldId).default([]),
  needsSupervisorApproval: z.boolean().default(false),
  needsReason: z.boolean().default(false),
  /** PML Art. 26: on termination the parties must be told their other routes (诉讼, 仲裁 …). */
  needsOtherRoutesNotice: z.boolean().default(false),
  /** A supervisor may close despite missing documents, with a reason (issue 3, item 7). */
  documentsOverridable: z.boolean().default(false),
})
export type Transition = z.infer<typeof Transition>

/** Who must act by the deadline: the organization itself, a party, an agency or a court. */
export const Obligor = z.enum(['organization', 'party', 'agency', 'court'])

export const Clock = z
  .object({
    id: ClockId,
    /** The legal citation as written in Chinese sources; shown as is, not translated. */
    source: z.string().trim().min(1),
    /** practice: a soft target, shown but never "overdue" in red. */
    kind: z.enum(['statutory', 'practice']),
    obligor: Obligor,
    startEvent: EventId,
    direction: z.enum(['after', 'before']).default('after'),
    length: z.int().min(0),
    unit: PeriodUnit,
    extendable: z.boolean(),
    /** The most the period may be extended by, in its own unit; absent = no stated limit. */
    maxExtension: z.int().positive().optional(),
    /** False for fixed periods such as 除斥期间 that nothing suspends. */
    pausable: z.boolean(),
    /** Why the unit was chosen and what is uncertain; for developers and reviewers. */
    note: z.string().optional(),
  })
  .refine((clock) => clock.extendable || clock.maxExtension === undefined, {
    message: 'maxExtension without extendable',
  })
  .refine((clock) => clock.unit !== 'hours' || !clock.pausable, {
    message: 'hour clocks cannot be paused',
  })
  .refine((clock) => clock.direction === 'after' || (!clock.extendable && !clock.pausable), {
    message: 'a date counted back from an event is fixed',
  })
export type Clock = z.infer<typeof Clock>

export const ChecklistItem = z.object({
  id: DocumentId,
  /**
   * always: every case file; onAgreement / onTermination: files that ended that way;
   * asNeeded: when the case produced one.
   */
  required: z.enum(['always', 'onAgreement', 'onTermination', 'asNeeded']),
})
export type ChecklistItem = z.infer<typeof ChecklistItem>

export const WorkflowDefinition = z
  .object({
    category: CaseCategory,
    /** In stepper order. */
    stages: z.array(Stage).min(1),
    initialStage: StageId,
    /** Every case field a guard may read. */
    fields: z.array(FieldId),
    transitions: z.array(Transition),
    clocks: z.array(Clock),
    checklist: z.array(ChecklistItem),
  })
  .superRefine((def, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message })
    const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i)
    const stageIds = def.stages.map((s) => s.id)
    const fields = new Set(def.fields)
    const documents = new Set(def.checklist.map((item) => item.id))
    for (const [what, ids] of [
      ['stage', stageIds],
      ['field', def.fields],
      ['clock', def.clocks.map((c) => c.id)],
      ['document', def.checklist.map((c) => c.id)],
    ] as const) {
      for (const id of duplicates([...ids])) issue(`${def.category}: duplicate ${what} ${id}`)
    }
    if (!stageIds.includes(def.initialStage)) issue(`${def.category}: unknown initial stage`)
    const pairs: string[] = []
    for (const t of def.transitions) {
      for (const stage of [...t.from, t.to]) {
        if (!stageIds.includes(stage)) issue(`${def.category}: unknown stage ${stage}`)
      }
      for (const field of [...t.requiredFields, ...t.excludedWhen]) {
        if (!fields.has(field)) issue(`${def.category}: unknown field ${field}`)
      }
      for (const document of t.requiredDocuments) {
        if (!documents.has(document)) issue(`${def.category}: unknown document ${document}`)
      }
      pairs.push(...t.from.map((from) => `${from}→${t.to}`))
    }
    // One transition per pair, so checkTransition(from, to) is never ambiguous.
    for (const pair of duplicates(pairs)) issue(`${def.category}: two transitions ${pair}`)
  })
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>

/** What the engine needs to know about a case; the core builds it from the case record. */
export const CaseState = z.object({
  stage: z.string(),
  fields: z.record(z.string(), z.unknown()),
  /** Checklist item ids present in the case file. */
  documents: z.array(z.string()),
})
export type CaseState = z.infer<typeof CaseState>

/** The person asking for a transition and what they supplied with the request. */
export const TransitionRequest = z.object({
  role: Role,
  reason: z.string().optional(),
  /** The supervisor who approved, when the actor is not one. */
  approvedBy: z.object({ userId: z.string().min(1), role: Role }).optional(),
  otherRoutesNoticeGiven: z.boolean().optional(),
  documentsOverrideReason: z.string().optional(),
})
export type TransitionRequest = z.infer<typeof TransitionRequest>

export const TransitionProblem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknownStage'), stage: z.string() }),
  z.object({ kind: z.literal('notATransition'), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('notAllowedForRole'), role: Role, allowed: z.array(Role) }),
  z.object({ kind: z.literal('excludedMatter'), field: z.string() }),
  z.object({ kind: z.literal('missingField'), field: z.string() }),
  z.object({ kind: z.literal('missingDocument'), document: z.string() }),
  z.object({ kind: z.literal('needsApproval') }),
  z.object({ kind: z.literal('needsReason') }),
  z.object({ kind: z.literal('needsOtherRoutesNotice') }),
])
export type TransitionProblem = z.infer<typeof TransitionProblem>
