import { describe, expect, it } from 'vitest'
import { WORKFLOWS } from '../../../src/shared/domain/workflow'
import {
  PML_WORKFLOW,
  defineWorkflow,
  withGuards,
} from '../../../src/shared/domain/workflow/common'
import {
  allowedTransitions,
  checkTransition,
  documentsRequired,
} from '../../../src/shared/domain/workflow/engine'
import {
  CaseCategory,
  type CaseState,
  type TransitionRequest,
  type WorkflowDefinition,
} from '../../../src/shared/domain/workflow/types'

const PML_STAGES = [
  'intake',
  'rightsNotice',
  'investigation',
  'mediation',
  'agreement',
  'judicialConfirmation',
  'performance',
  'closed',
  'terminated',
]

/** A case with every field a guard may read answered and every checklist item filed. */
function completeCase(definition: WorkflowDefinition, stage: string): CaseState {
  return {
    stage,
    fields: Object.fromEntries(
      definition.fields.map((f) => [f, f === 'personalStatusMatter' ? false : 'x']),
    ),
    documents: definition.checklist.map((item) => item.id),
  }
}

const mediator: TransitionRequest = { role: 'mediator' }
const supervisor: TransitionRequest = { role: 'supervisor' }

describe.each(CaseCategory.options)('%s definition', (category) => {
  const definition = WORKFLOWS[category]

  it('is the PML workflow, stages in stepper order', () => {
    expect(definition.category).toBe(category)
    expect(definition.stages.map((s) => s.id)).toEqual(PML_STAGES)
    expect(definition.initialStage).toBe('intake')
  })

  it('reaches every stage from intake, and every stage can leave again', () => {
    const reached = new Set([definition.initialStage])
    for (let grew = true; grew;) {
      const before = reached.size
      for (const t of definition.transitions) {
        if (t.from.some((f) => reached.has(f))) reached.add(t.to)
      }
      grew = reached.size > before
    }
    expect([...reached].sort()).toEqual([...PML_STAGES].sort())
    for (const stage of PML_STAGES) {
      expect(
        definition.transitions.some((t) => t.from.includes(stage)),
        stage,
      ).toBe(true)
    }
  })

  it('a complete case goes from intake to closed along the main path', () => {
    const path = [
      'intake',
      'rightsNotice',
      'investigation',
      'mediation',
      'agreement',
      'judicialConfirmation',
      'performance',
    ]
    for (const [from, to] of path.slice(1).map((to, i) => [path[i] ?? '', to] as const)) {
      const result = checkTransition(definition, completeCase(definition, from), to, mediator)
      expect(result.ok, `${from}→${to}`).toBe(true)
    }
    const close = checkTransition(
      definition,
      completeCase(definition, 'performance'),
      'closed',
      supervisor,
    )
    expect(close.ok).toBe(true)
  })

  it('closing needs a supervisor, terminating a reason and the PML Art. 26 notice, reopening a supervisor and a reason', () => {
    const close = definition.transitions.filter((t) => t.action === 'close')
    const terminate = definition.transitions.filter((t) => t.action === 'terminate')
    const reopen = definition.transitions.filter((t) => t.action === 'reopen')
    expect(close.length).toBeGreaterThan(0)
    expect(close.every((t) => t.needsSupervisorApproval && t.completeFile)).toBe(true)
    expect(terminate.every((t) => t.needsReason && t.needsOtherRoutesNotice)).toBe(true)
    expect(reopen.every((t) => t.needsReason && t.roles.join() === 'supervisor')).toBe(true)
  })

  it('lists only fields that some guard reads', () => {
    const read = new Set(
      definition.transitions.flatMap((t) => [...t.requiredFields, ...t.excludedWhen]),
    )
    expect(definition.fields.filter((f) => !read.has(f))).toEqual([])
  })

  it('nobody but mediators and supervisors moves a case', () => {
    for (const t of definition.transitions) {
      expect(t.roles.every((r) => r === 'mediator' || r === 'supervisor')).toBe(true)
    }
  })

  it("closing after an agreement needs every 'always' and 'onAgreement' item, including the category's own", () => {
    const close = definition.transitions.find(
      (t) => t.from.includes('performance') && t.to === 'closed',
    )
    const expected = definition.checklist
      .filter((i) => i.required === 'always' || i.required === 'onAgreement')
      .map((i) => i.id)
    expect(close && documentsRequired(definition, close).sort()).toEqual(expected.sort())
  })

  it('keeps the always-required case file of DESIGN.md §3', () => {
    const always = definition.checklist.filter((i) => i.required === 'always').map((i) => i.id)
    expect(always).toEqual(
      expect.arrayContaining(['application', 'rightsNotice', 'identityProof', 'mediationRecord']),
    )
    expect(definition.checklist.find((i) => i.id === 'agreement')?.required).toBe('onAgreement')
    expect(definition.checklist.find((i) => i.id === 'terminationNotice')?.required).toBe(
      'onTermination',
    )
  })
})

describe('category guards before leaving intake', () => {
  it.each([
    [
      'family',
      ['relationship', 'riskLevel', 'riskTool', 'mandatoryReportAssessed'],
      ['riskAssessment'],
    ],
    ['expropriation', ['expropriationDecisionNo', 'expropriationDecisionDate'], []],
    ['petition', ['petitionCategory', 'handlingAgency', 'petitionReceivedAt'], []],
    ['owners', ['estate'], []],
  ] as const)('%s', (category, fields, documents) => {
    const definition = WORKFLOWS[category]
    const state = completeCase(definition, 'intake')
    for (const f of fields) delete state.fields[f]
    state.documents = state.documents.filter((d) => !(documents as readonly string[]).includes(d))
    const result = checkTransition(definition, state, 'rightsNotice', mediator)
    expect(result).toEqual({
      ok: false,
      problems: [
        ...fields.map((field) => ({ kind: 'missingField', field })),
        ...documents.map((document) => ({ kind: 'missingDocument', document })),
      ],
    })
  })
})

describe('checkTransition', () => {
  const family = WORKFLOWS.family
  const at = (stage: string, patch: Partial<CaseState> = {}): CaseState => ({
    ...completeCase(family, stage),
    ...patch,
  })
  const without = (stage: string, ...documents: string[]) =>
    at(stage, {
      documents: completeCase(family, stage).documents.filter((d) => !documents.includes(d)),
    })

  it.each<[string, CaseState, string, TransitionRequest, unknown[]]>([
    [
      'an unknown current stage',
      at('limbo'),
      'rightsNotice',
      mediator,
      [{ kind: 'unknownStage', stage: 'limbo' }],
    ],
    [
      'an unknown target stage',
      at('intake'),
      'archived',
      mediator,
      [{ kind: 'unknownStage', stage: 'archived' }],
    ],
    [
      'skipping stages',
      at('intake'),
      'closed',
      supervisor,
      [{ kind: 'notATransition', from: 'intake', to: 'closed' }],
    ],
    [
      'going back without a transition',
      at('mediation'),
      'intake',
      mediator,
      [{ kind: 'notATransition', from: 'mediation', to: 'intake' }],
    ],
    [
      'terminating after performance began',
      at('performance'),
      'terminated',
      { ...mediator, reason: 'r', otherRoutesNoticeGiven: true },
      [{ kind: 'notATransition', from: 'performance', to: 'terminated' }],
    ],
    [
      'an auditor',
      at('intake'),
      'rightsNotice',
      { role: 'auditor' },
      [{ kind: 'notAllowedForRole', role: 'auditor', allowed: ['mediator', 'supervisor'] }],
    ],
    [
      'an administrator',
      at('intake'),
      'rightsNotice',
      { role: 'admin' },
      [{ kind: 'notAllowedForRole', role: 'admin', allowed: ['mediator', 'supervisor'] }],
    ],
    [
      'a blank field',
      at('intake', { fields: { ...at('intake').fields, summary: '   ' } }),
      'rightsNotice',
      mediator,
      [{ kind: 'missingField', field: 'summary' }],
    ],
    [
      'an empty list',
      at('intake', { fields: { ...at('intake').fields, parties: [] } }),
      'rightsNotice',
      mediator,
      [{ kind: 'missingField', field: 'parties' }],
    ],
    [
      'a null field',
      at('intake', { fields: { ...at('intake').fields, acceptedAt: null } }),
      'rightsNotice',
      mediator,
      [{ kind: 'missingField', field: 'acceptedAt' }],
    ],
    [
      'a missing document',
      without('rightsNotice', 'rightsNotice'),
      'mediation',
      mediator,
      [{ kind: 'missingDocument', document: 'rightsNotice' }],
    ],
    [
      'closing without approval',
      at('performance'),
      'closed',
      mediator,
      [{ kind: 'needsApproval' }],
    ],
    [
      'closing approved by a mediator',
      at('performance'),
      'closed',
      { ...mediator, approvedBy: { userId: 'u2', role: 'mediator' } },
      [{ kind: 'needsApproval' }],
    ],
    [
      'closing with a file gap',
      without('performance', 'identityProof', 'riskAssessment'),
      'closed',
      supervisor,
      [
        { kind: 'missingDocument', document: 'identityProof' },
        { kind: 'missingDocument', document: 'riskAssessment' },
      ],
    ],
    [
      'an override without a reason',
      without('performance', 'identityProof'),
      'closed',
      { ...supervisor, documentsOverrideReason: '  ' },
      [{ kind: 'missingDocument', document: 'identityProof' }],
    ],
    [
      "a mediator's own override",
      without('performance', 'identityProof'),
      'closed',
      { ...mediator, documentsOverrideReason: 'lost in flood' },
      [{ kind: 'missingDocument', document: 'identityProof' }, { kind: 'needsApproval' }],
    ],
    [
      'an override outside closing',
      without('rightsNotice', 'rightsNotice'),
      'mediation',
      { ...supervisor, documentsOverrideReason: 'r' },
      [{ kind: 'missingDocument', document: 'rightsNotice' }],
    ],
    [
      'archiving a termination without its notice',
      without('terminated', 'terminationNotice'),
      'closed',
      supervisor,
      [{ kind: 'missingDocument', document: 'terminationNotice' }],
    ],
    [
      'terminating without anything',
      at('mediation'),
      'terminated',
      mediator,
      [{ kind: 'needsReason' }, { kind: 'needsOtherRoutesNotice' }],
    ],
    [
      'terminating without the Art. 26 notice',
      at('mediation'),
      'terminated',
      { ...mediator, reason: '一方拒绝继续调解', otherRoutesNoticeGiven: false },
      [{ kind: 'needsOtherRoutesNotice' }],
    ],
    [
      'reopening as a mediator',
      at('closed'),
      'mediation',
      { ...mediator, reason: 'r' },
      [{ kind: 'notAllowedForRole', role: 'mediator', allowed: ['supervisor'] }],
    ],
    [
      'reopening without a reason',
      at('terminated'),
      'mediation',
      supervisor,
      [{ kind: 'needsReason' }],
    ],
    [
      'judicial confirmation of a marriage matter',
      at('agreement', { fields: { ...at('agreement').fields, personalStatusMatter: true } }),
      'judicialConfirmation',
      mediator,
      [{ kind: 'excludedMatter', field: 'personalStatusMatter' }],
    ],
    [
      'everything wrong at once',
      at('performance', { documents: [], fields: {} }),
      'closed',
      { role: 'auditor' },
      [
        { kind: 'notAllowedForRole', role: 'auditor', allowed: ['mediator', 'supervisor'] },
        { kind: 'missingField', field: 'followUpAt' },
        ...[
          'application',
          'rightsNotice',
          'identityProof',
          'mediationRecord',
          'agreement',
          'riskAssessment',
        ].map((document) => ({ kind: 'missingDocument', document })),
        { kind: 'needsApproval' },
      ],
    ],
  ])('refuses %s', (_label, state, to, request, problems) => {
    expect(checkTransition(family, state, to, request)).toEqual({ ok: false, problems })
  })

  it.each<[string, CaseState, string, TransitionRequest]>([
    [
      'false as an answer',
      at('intake', { fields: { ...at('intake').fields, mandatoryReportAssessed: false } }),
      'rightsNotice',
      mediator,
    ],
    [
      '0 as an answer',
      at('intake', { fields: { ...at('intake').fields, riskLevel: 0 } }),
      'rightsNotice',
      mediator,
    ],
    [
      'closing approved by a supervisor',
      at('performance'),
      'closed',
      { ...mediator, approvedBy: { userId: 'u1', role: 'supervisor' } },
    ],
    ['a supervisor closing', at('performance'), 'closed', supervisor],
    [
      "a supervisor's override with a reason",
      without('performance', 'identityProof'),
      'closed',
      { ...supervisor, documentsOverrideReason: '身份证复印件遗失，已核对原件' },
    ],
    [
      'an approved override',
      without('terminated', 'rightsNotice', 'mediationRecord'),
      'closed',
      {
        ...mediator,
        approvedBy: { userId: 'u1', role: 'supervisor' },
        documentsOverrideReason: '受理时一方即拒绝调解',
      },
    ],
    [
      'terminating at intake (PML Art. 17)',
      at('intake'),
      'terminated',
      { ...mediator, reason: '被申请人明确拒绝调解', otherRoutesNoticeGiven: true },
    ],
    [
      'archiving a termination without an agreement',
      without('terminated', 'agreement'),
      'closed',
      supervisor,
    ],
    [
      'reopening',
      at('closed'),
      'mediation',
      { ...supervisor, reason: '当事人未履行协议，申请重新调解' },
    ],
    ['skipping investigation', at('rightsNotice'), 'mediation', mediator],
    ['skipping judicial confirmation', at('agreement'), 'performance', mediator],
  ])('allows %s', (_label, state, to, request) => {
    expect(checkTransition(family, state, to, request).ok).toBe(true)
  })
})

describe('allowedTransitions', () => {
  const family = WORKFLOWS.family
  const targets = (stage: string, role: TransitionRequest['role'], fields = {}) =>
    allowedTransitions(
      family,
      { ...completeCase(family, stage), ...(Object.keys(fields).length ? { fields } : {}) },
      role,
    ).map((t) => t.to)

  it.each<[string, TransitionRequest['role'], string[]]>([
    ['intake', 'mediator', ['rightsNotice', 'terminated']],
    ['rightsNotice', 'mediator', ['investigation', 'mediation', 'terminated']],
    ['agreement', 'mediator', ['performance', 'judicialConfirmation', 'terminated']],
    ['performance', 'mediator', ['judicialConfirmation', 'closed']],
    ['closed', 'mediator', []],
    ['closed', 'supervisor', ['mediation']],
    ['terminated', 'supervisor', ['closed', 'mediation']],
    ['intake', 'auditor', []],
    ['intake', 'admin', []],
    ['limbo', 'supervisor', []],
  ])('%s, %s → %j', (stage, role, expected) => {
    expect(targets(stage, role)).toEqual(expected)
  })

  it('leaves out judicial confirmation for marriage, identity and adoption matters', () => {
    expect(targets('agreement', 'mediator', { personalStatusMatter: true })).toEqual([
      'performance',
      'terminated',
    ])
  })
})

describe('definitions are data: validated on load', () => {
  const base = { ...PML_WORKFLOW, category: 'family' as const }

  it('adding a stage is an edit to the data, and the engine follows it', () => {
    const definition = defineWorkflow({
      ...base,
      stages: [
        base.stages[0],
        { id: 'safetyCheck', status: 'active' as const },
        ...base.stages.slice(1),
      ].filter((s) => s !== undefined),
      transitions: [
        ...base.transitions.filter((t) => !(t.from.includes('intake') && t.to === 'rightsNotice')),
        { from: ['intake'], to: 'safetyCheck', action: 'advance', roles: ['mediator'] },
        {
          from: ['safetyCheck'],
          to: 'rightsNotice',
          action: 'advance',
          roles: ['mediator'],
          requiredDocuments: ['evidence'],
        },
      ],
    })
    const state = { stage: 'intake', fields: {}, documents: [] }
    expect(allowedTransitions(definition, state, 'mediator').map((t) => t.to)).toEqual([
      'terminated',
      'safetyCheck',
    ])
    expect(checkTransition(definition, state, 'safetyCheck', mediator).ok).toBe(true)
    expect(
      checkTransition(definition, { ...state, stage: 'safetyCheck' }, 'rightsNotice', mediator),
    ).toEqual({
      ok: false,
      problems: [{ kind: 'missingDocument', document: 'evidence' }],
    })
  })

  it.each([
    [
      'a transition to an unknown stage',
      {
        transitions: [{ from: ['intake'], to: 'nowhere', action: 'advance', roles: ['mediator'] }],
      },
    ],
    [
      'a guard on an unknown field',
      {
        transitions: [
          {
            from: ['intake'],
            to: 'mediation',
            action: 'advance',
            roles: ['mediator'],
            requiredFields: ['shoeSize'],
          },
        ],
      },
    ],
    [
      'an unknown document',
      {
        transitions: [
          {
            from: ['intake'],
            to: 'mediation',
            action: 'advance',
            roles: ['mediator'],
            requiredDocuments: ['diary'],
          },
        ],
      },
    ],
    [
      'two transitions for one pair',
      {
        transitions: [
          ...base.transitions,
          { from: ['intake'], to: 'rightsNotice', action: 'advance', roles: ['supervisor'] },
        ],
      },
    ],
    [
      'a transition nobody may take',
      { transitions: [{ from: ['intake'], to: 'mediation', action: 'advance', roles: [] }] },
    ],
    ['a duplicate stage', { stages: [...base.stages, { id: 'intake', status: 'active' }] }],
    ['a display string as an id', { stages: [...base.stages, { id: '受理', status: 'active' }] }],
    ['an unknown initial stage', { initialStage: 'start' }],
    [
      'a duplicate checklist item',
      { checklist: [...base.checklist, { id: 'evidence', required: 'always' }] },
    ],
    ['an extension limit on a fixed clock', { clocks: [{ ...base.clocks[1], maxExtension: 5 }] }],
    [
      'a pausable clock in hours',
      { clocks: [{ ...base.clocks[1], unit: 'hours', pausable: true }] },
    ],
    [
      'a pausable date counted back',
      { clocks: [{ ...base.clocks[1], direction: 'before', pausable: true }] },
    ],
    ['a duplicate clock', { clocks: [...base.clocks, base.clocks[0]] }],
  ])('refuses %s', (_label, patch) => {
    expect(() => defineWorkflow({ ...base, ...patch } as typeof base)).toThrow()
  })

  it('withGuards refuses to guard a transition that does not exist', () => {
    expect(() =>
      withGuards(base.transitions, [{ from: 'intake', to: 'closed', requiredFields: ['x'] }]),
    ).toThrow(/intake→closed/)
  })
})
