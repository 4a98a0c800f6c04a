import { PML_WORKFLOW, defineWorkflow, withGuards } from './common'

/**
 * 业委会及物业纠纷: owners' committees and property management (民法典 Arts. 277–287,
 * 947; 上海市住宅物业管理规定, 2020 revision). Two of the clocks count back from a date that
 * lies ahead (the end of a committee's term, a contract's expiry): they are fixed dates, and a
 * rest day moves them earlier, not later.
 */
const SHANGHAI = '上海市住宅物业管理规定'

export const owners = defineWorkflow({
  ...PML_WORKFLOW,
  category: 'owners',
  fields: [...PML_WORKFLOW.fields, 'estate'],
  transitions: withGuards(PML_WORKFLOW.transitions, [
    { from: 'intake', to: 'rightsNotice', requiredFields: ['estate'] },
  ]),
  checklist: [
    ...PML_WORKFLOW.checklist,
    { id: 'voteRecord', required: 'asNeeded' }, // 表决票与计票结果 (Art. 278)
    { id: 'ownersResolution', required: 'asNeeded' }, // 业主大会 / 业委会决定
    { id: 'propertyContract', required: 'asNeeded' }, // 物业服务合同
  ],
  clocks: [
    ...PML_WORKFLOW.clocks,
    {
      id: 'committeeTermReport',
      source: `${SHANGHAI}第二十八条`,
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'committeeTermEnds',
      direction: 'before',
      length: 5,
      unit: 'months',
      extendable: false,
      pausable: false,
      note: '业主委员会任期届满的五个月前，应当书面报告乡、镇人民政府或者街道办事处: months, counted back. The text was confirmed from a district guide; the article number is from DESIGN.md, not verified.',
    },
    {
      id: 'propertyContractNonRenewalNotice',
      source: `民法典第九百四十七条第二款；${SHANGHAI}第四十六条`,
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'propertyContractExpires',
      direction: 'before',
      length: 90,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: '物业服务人不同意续聘的，应当在合同期限届满前九十日书面通知: calendar days, counted back; the contract may set another period. The Shanghai article number is from DESIGN.md, not verified.',
    },
    {
      id: 'decisionRevocationSuit',
      source:
        '民法典第二百八十条第二款；最高人民法院关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释第十二条',
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'ownersDecisionKnown',
      length: 1,
      unit: 'years',
      extendable: false,
      pausable: false,
      note: 'The one year comes from the judicial interpretation (自知道或者应当知道作出决定之日起一年内), not the Civil Code itself; a 除斥期间, so nothing pauses or extends it.',
    },
  ],
})
