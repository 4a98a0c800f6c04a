import { PML_WORKFLOW, defineWorkflow, withGuards } from './common'

/**
 * 信访化解: resolving a petition (信访工作条例, 2022). The statutory periods bind the agency
 * handling the petition, not the organization; they are tracked so the mediator knows where
 * the petition stands and what the petitioner may still do. All are counted in 日 — calendar
 * days — as the 条例 says 工作日 nowhere in these articles.
 */
const REGULATION = '信访工作条例（2022）'

export const petition = defineWorkflow({
  ...PML_WORKFLOW,
  category: 'petition',
  fields: [...PML_WORKFLOW.fields, 'petitionCategory', 'handlingAgency', 'petitionReceivedAt'],
  transitions: withGuards(PML_WORKFLOW.transitions, [
    {
      from: 'intake',
      to: 'rightsNotice',
      requiredFields: ['petitionCategory', 'handlingAgency', 'petitionReceivedAt'],
    },
  ]),
  checklist: [
    ...PML_WORKFLOW.checklist,
    { id: 'petitionMaterial', required: 'always' }, // the letter, visit record or call record
    { id: 'handlingOpinion', required: 'asNeeded' }, // 处理意见书 / 复查 / 复核意见书
    { id: 'accusationMaterial', required: 'asNeeded' }, // restricted: never to the accused (Art. 30)
  ],
  clocks: [
    ...PML_WORKFLOW.clocks,
    {
      id: 'petitionRouting',
      source: `${REGULATION}第二十二条`,
      kind: 'statutory',
      obligor: 'agency',
      startEvent: 'petitionReceived',
      length: 15,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: '信访部门收到信访事项，应当予以登记，并区分情况，在15日内分别按照下列方式处理 (转送、交办): calendar days; text confirmed.',
    },
    {
      id: 'petitionAcceptanceNotice',
      source: `${REGULATION}第二十三条`,
      kind: 'statutory',
      obligor: 'agency',
      startEvent: 'petitionReceivedByHandler',
      length: 15,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: 'Written notice to the petitioner whether the petition is accepted, 15 days, per DESIGN.md. Not verified: the confirmed text of Art. 23 requires registration and telling the petitioner without a number of days; the 15-day notice may sit in another article.',
    },
    {
      id: 'petitionHandling',
      source: `${REGULATION}第三十四条`,
      kind: 'statutory',
      obligor: 'agency',
      startEvent: 'petitionAccepted',
      length: 60,
      unit: 'days',
      extendable: true,
      maxExtension: 30,
      pausable: false,
      note: '自受理之日起60日内办结; 情况复杂的，经负责人批准可以适当延长，延长期限不得超过30日，并告知信访人延期理由: calendar days; the extension needs an approver and a reason.',
    },
    {
      id: 'petitionReviewRequest',
      source: `${REGULATION}第三十五条`,
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'petitionReplyReceived',
      length: 30,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: '自收到书面答复之日起30日内请求复查: calendar days.',
    },
    {
      id: 'petitionReviewDecision',
      source: `${REGULATION}第三十五条`,
      kind: 'statutory',
      obligor: 'agency',
      startEvent: 'petitionReviewRequestReceived',
      length: 30,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: '自收到复查请求之日起30日内提出复查意见: calendar days.',
    },
    {
      id: 'petitionRecheckRequest',
      source: `${REGULATION}第三十六条`,
      kind: 'statutory',
      obligor: 'party',
      startEvent: 'petitionReviewReplyReceived',
      length: 30,
      unit: 'days',
      extendable: false,
      pausable: false,
      note: '对复查意见不服的，自收到书面答复之日起30日内请求复核: calendar days.',
    },
    {
      id: 'petitionRecheckDecision',
      source: `${REGULATION}第三十六条`,
      kind: 'statutory',
      obligor: 'agency',
      startEvent: 'petitionRecheckRequestReceived',
      length: 30,
      unit: 'days',
      extendable: false,
      pausable: true,
      note: '自收到复核请求之日起30日内提出复核意见: calendar days. 听证所需时间不计算在前款规定的期限内: record a hearing as a pause.',
    },
  ],
})
