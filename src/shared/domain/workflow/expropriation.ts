import { PML_WORKFLOW, defineWorkflow, withGuards } from './common'

/**
 * 动拆迁（征收）安置: expropriation of houses on state-owned land (国有土地上房屋征收与补偿条例,
 * 2011; in Shanghai 沪府令71号). The mediation concerns a decision already made, so the case
 * records it first; households and their agreement status live on the case, not in guards.
 * Valuation periods are from 国有土地上房屋征收评估办法 (建房〔2011〕77号).
 */
const VALUATION = '国有土地上房屋征收评估办法（建房〔2011〕77号）'

export const expropriation = defineWorkflow({
  ...PML_WORKFLOW,
  category: 'expropriation',
  fields: [...PML_WORKFLOW.fields, 'expropriationDecisionNo', 'expropriationDecisionDate'],
  transitions: withGuards(PML_WORKFLOW.transitions, [
    {
      from: 'intake',
      to: 'rightsNotice',
      requiredFields: ['expropriationDecisionNo', 'expropriationDecisionDate'],
    },
  ]),
  checklist: [
    ...PML_WORKFLOW.checklist,
    { id: 'expropriationDecision', required: 'asNeeded' },
    { id: 'valuationReport', required: 'asNeeded' },
    { id: 'compensationAgreement', required: 'asNeeded' }, // 补偿协议 signed with the 征收部门
    { id: 'occupancyProof', required: 'asNeeded' }, // 户籍 / 居住 proof of co-occupants
  ],
  clocks: [
    ...PML_WORKFLOW.clocks,
    {
      id: 'valuationRecheckRequest',
      source: `${VALUATION}第二十条`,
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'valuationReportReceived',
      length: 10,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: '自收到评估报告之日起10日内申请复核评估: calendar days. Article number from memory and DESIGN.md; the 10-day text was confirmed, the numbering was not.',
    },
    {
      id: 'valuationRecheck',
      source: `${VALUATION}第二十一条`,
      kind: 'statutory',
      obligor: 'agency',
      startEvent: 'valuationRecheckRequestReceived',
      length: 10,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: 'The valuer re-checks within 10 days of the written request: calendar days. Article numbering not verified.',
    },
    {
      id: 'expertAppraisalRequest',
      source: `${VALUATION}第二十二条`,
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'valuationRecheckResultReceived',
      length: 10,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: '对复核结果有异议的，自收到复核结果之日起10日内申请鉴定: calendar days. Article numbering not verified.',
    },
    {
      id: 'expertAppraisal',
      source: `${VALUATION}第二十三条`,
      kind: 'statutory',
      obligor: 'agency',
      startEvent: 'expertAppraisalRequestReceived',
      length: 10,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: 'The expert committee (评估专家委员会) gives its written opinion within 10 days: calendar days. Article numbering not verified (may be Art. 23 or 24).',
    },
    {
      id: 'administrativeReview',
      source: '行政复议法（2023修订）第二十条',
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'expropriationDecisionKnown',
      length: 60,
      unit: 'days',
      extendable: false,
      pausable: true,
      note: '自知道或者应当知道该行政行为之日起六十日内: calendar days. Time lost to force majeure or another proper cause does not count (继续计算 from when it ends): record it as a pause.',
    },
    {
      id: 'administrativeLawsuit',
      source: '行政诉讼法第四十六条',
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'expropriationDecisionKnown',
      length: 6,
      unit: 'months',
      extendable: true,
      pausable: true,
      note: '自知道或者应当知道作出行政行为之日起六个月内: months. Art. 48: time lost to force majeure etc. does not count (pause); the court may extend for other special reasons (no stated limit).',
    },
    {
      id: 'lawsuitAfterReview',
      source: '行政诉讼法第四十五条',
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'administrativeReviewDecisionReceived',
      length: 15,
      unit: 'days',
      extendable: false,
      pausable: true,
      note: '收到复议决定书之日起十五日内: calendar days. This is Art. 45; DESIGN.md lists it under Art. 46.',
    },
  ],
})
