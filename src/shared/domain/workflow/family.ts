import { PML_WORKFLOW, defineWorkflow, withGuards } from './common'

/**
 * 家庭危机干预: family crisis and domestic violence (反家庭暴力法, 2016). Before mediation
 * starts the mediator records the relationship, a risk level with the tool used (no official
 * Shanghai scale exists, so the organization configures one) and whether the mandatory report
 * of Art. 14 applies — mediation must never delay protecting someone who cannot protect
 * themselves.
 */
export const family = defineWorkflow({
  ...PML_WORKFLOW,
  category: 'family',
  fields: [
    ...PML_WORKFLOW.fields,
    'relationship',
    'riskLevel',
    'riskTool',
    'mandatoryReportAssessed',
  ],
  transitions: withGuards(PML_WORKFLOW.transitions, [
    {
      from: 'intake',
      to: 'rightsNotice',
      requiredFields: ['relationship', 'riskLevel', 'riskTool', 'mandatoryReportAssessed'],
      requiredDocuments: ['riskAssessment'],
    },
  ]),
  checklist: [
    ...PML_WORKFLOW.checklist,
    { id: 'riskAssessment', required: 'always' },
    { id: 'safetyPlan', required: 'asNeeded' },
    { id: 'mandatoryReportRecord', required: 'asNeeded' }, // 强制报告 to the police (Art. 14)
    { id: 'warningLetter', required: 'asNeeded' }, // 告诫书 (Arts. 16–17)
    { id: 'protectionOrder', required: 'asNeeded' }, // 人身安全保护令 (Arts. 23–32)
    { id: 'shelterReferral', required: 'asNeeded' }, // 临时庇护 (Art. 18)
    { id: 'separateConsent', required: 'asNeeded' }, // PIPL Arts. 29, 31: health, minors
  ],
  clocks: [
    ...PML_WORKFLOW.clocks,
    {
      id: 'mandatoryReport',
      source: '反家庭暴力法第十四条；未成年人保护法第十一条',
      kind: 'statutory',
      obligor: 'organization',
      startEvent: 'incapacitatedVictimSuspected',
      length: 0,
      unit: 'hours',
      extendable: false,
      pausable: false,
      note: 'Art. 14 says 及时, Minors Protection Law Art. 11 says 立即: no period at all, so the clock is due the moment the suspicion is recorded and shows overdue until the report is logged.',
    },
    {
      id: 'protectionOrderDecision',
      source: '反家庭暴力法第二十八条',
      kind: 'statutory',
      obligor: 'court',
      startEvent: 'protectionOrderAccepted',
      length: 72,
      unit: 'hours',
      extendable: false,
      pausable: false,
      note: '人民法院受理申请后 72 小时内作出: counted from the time the court accepted the application (Civil Code Art. 201(2)); hours run through nights and holidays.',
    },
    {
      id: 'protectionOrderDecisionUrgent',
      source: '反家庭暴力法第二十八条',
      kind: 'statutory',
      obligor: 'court',
      startEvent: 'protectionOrderAccepted',
      length: 24,
      unit: 'hours',
      extendable: false,
      pausable: false,
      note: '情况紧急的 24 小时内作出: use instead of the 72-hour clock when the application was urgent.',
    },
    {
      id: 'protectionOrderExpiry',
      source: '反家庭暴力法第三十条',
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'protectionOrderIssued',
      length: 6,
      unit: 'months',
      extendable: true,
      pausable: false,
      note: '有效期不超过六个月，自作出之日起生效; the applicant may ask for an extension before it expires, with no stated limit. Six months is the maximum: an order with a shorter term needs the clock set from the order itself. Counting excludes the day of issue (Civil Code Art. 201), although the order is effective on that day — the end may be one day late; verify against the order text.',
    },
    {
      id: 'protectionOrderReconsideration',
      source: '反家庭暴力法第三十一条',
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'protectionOrderRulingEffective',
      length: 5,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: '自裁定生效之日起五日内申请复议一次: calendar days (日).',
    },
  ],
})
