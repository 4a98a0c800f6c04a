import type { ChannelOutput } from '../../src/shared/contract'
import type { Status } from '../../src/shared/schemas/account'
import { status } from './harness'

type CaseFile = ChannelOutput<'cases.get'>
type CaseSummary = ChannelOutput<'cases.list'>['rows'][number]

export const MEDIATOR = {
  id: 'm1',
  login: 'zhangli',
  displayName: '张丽',
  role: 'mediator' as const,
}

export const USERS: ChannelOutput<'users.list'> = [
  { id: 'm1', displayName: '张丽', role: 'mediator' },
  { id: 'm2', displayName: '王强', role: 'mediator' },
  { id: 's1', displayName: '陈主任', role: 'supervisor' },
  { id: 'a1', displayName: '欧阳明远', role: 'admin' },
]

/** A mediator's unlocked session: case content is only for case workers. */
export function mediatorSession(): Status {
  const unlocked = status('unlocked')
  return status('unlocked', {
    session: unlocked.session && { ...unlocked.session, user: MEDIATOR },
  })
}

export function summaryRow(n: number, changes: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: `c${n}`,
    number: `〔2026〕家调字第${String(n).padStart(4, '0')}号`,
    category: 'family',
    stage: 'mediation',
    summary: `夫妻因家务分工长期争吵，第${n}号`,
    district: 'xuhui',
    riskLevel: 'medium',
    acceptedAt: '2026-11-25',
    leadMediatorName: '张丽',
    nextDue: '2026-12-25',
    overdue: false,
    updatedAt: '2026-11-26T10:00',
    ...changes,
  }
}

export function caseFile(changes: Partial<CaseFile> = {}): CaseFile {
  return {
    id: 'c1',
    number: '〔2026〕家调字第0001号',
    version: 3,
    category: 'family',
    stage: 'intake',
    source: 'application',
    summary: '夫妻因家务分工长期争吵，女方申请调解',
    district: 'xuhui',
    street: '田林街道',
    riskLevel: 'high',
    acceptedAt: '2026-11-25',
    leadMediator: { id: 'm1', displayName: '张丽' },
    coMediators: [],
    details: { category: 'family', relationship: 'spouses' },
    progress: {},
    parties: [],
    relations: [],
    households: [],
    timeline: [],
    attachments: [],
    checklist: [
      { itemId: 'application', required: 'always', present: false },
      { itemId: 'identityProof', required: 'always', present: true },
      { itemId: 'agreement', required: 'onAgreement', present: false },
      { itemId: 'evidence', required: 'asNeeded', present: false },
    ],
    clocks: [
      {
        clockId: 'practiceConclusion',
        source: '人民调解工作若干规定（司法部令第75号，2002）第三十三条',
        kind: 'practice',
        obligor: 'organization',
        start: '2026-11-25',
        due: '2026-12-25',
        daysLeft: 20,
        status: 'running',
        unit: 'months',
        pausable: true,
        extendable: true,
        maxExtension: null,
        pauses: [],
        extensions: [],
      },
    ],
    nextSteps: [
      {
        to: 'rightsNotice',
        action: 'advance',
        problems: [
          { kind: 'missingField', field: 'parties' },
          { kind: 'missingDocument', document: 'application' },
        ],
      },
      {
        to: 'terminated',
        action: 'terminate',
        problems: [{ kind: 'needsReason' }, { kind: 'needsOtherRoutesNotice' }],
      },
    ],
    dataRequests: [],
    view: 'full',
    withheld: [],
    anonymizedAt: null,
    createdAt: '2026-11-25T09:00',
    updatedAt: '2026-11-25T09:00',
    ...changes,
  }
}
