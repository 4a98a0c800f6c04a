import {
  BLANK_DATE,
  caseHeader,
  cnDate,
  fileStem,
  mediatorNames,
  partyLines,
  partySignatures,
  signingParties,
  type DocumentDefinition,
} from './common'

/**
 * 调解申请书／受理登记表 (PML Arts. 17–18): who asks, about what, and the organization's
 * acceptance. A case opened on the organization's own initiative or on referral has no
 * application; its form is titled 受理登记表 and the applicant's signature line is left out.
 */
export const application: DocumentDefinition = {
  checklistItem: 'application',
  availability: (c) => ({ missing: c.parties.length === 0 ? ['parties'] : [] }),
  build(ctx) {
    const c = ctx.case
    const applied = c.source === 'application'
    const title = applied ? '人民调解申请书' : '人民调解受理登记表'
    const applicants = signingParties(ctx).filter((p) => p.role === 'applicant')
    return {
      title,
      fileName: fileStem(title, ctx),
      blocks: [
        ...caseHeader(ctx, title),
        { type: 'heading', text: '当事人' },
        ...partyLines(ctx, c.acceptedAt),
        { type: 'heading', text: '纠纷简要情况及申请事项' },
        { type: 'paragraph', text: c.summary, indent: true },
        ...(applied
          ? [
              {
                type: 'paragraph' as const,
                text: `申请人自愿申请${ctx.organization}调解上述纠纷，并保证所述情况属实。`,
                indent: true,
              },
              partySignatures(ctx, applicants),
            ]
          : []),
        { type: 'heading', text: '受理登记' },
        {
          type: 'fields',
          rows: [
            { label: '案件编号', value: c.number },
            { label: '案件类别', value: ctx.label(`workflow.category.${c.category}`) },
            { label: '案件来源', value: ctx.label(`case.source.${c.source}`) },
            {
              label: '纠纷发生地',
              value: `上海市${ctx.label(`case.district.${c.district}`)}${c.street}`,
            },
            { label: '受理日期', value: cnDate(c.acceptedAt) },
            { label: '调解员', value: mediatorNames(ctx) },
            { label: '风险等级', value: ctx.label(`case.risk.${c.riskLevel}`) },
          ],
        },
        { type: 'seal', organization: ctx.organization, date: cnDate(c.acceptedAt) },
      ],
    }
  },
}

/** PML Arts. 23–24, in the order the law gives them. */
const RIGHTS = [
  '选择或者接受人民调解员；',
  '接受调解、拒绝调解或者要求终止调解；',
  '要求调解公开进行或者不公开进行；',
  '自主表达意愿、自愿达成调解协议。',
]
const DUTIES = [
  '如实陈述纠纷事实；',
  '遵守调解现场秩序，尊重人民调解员；',
  '尊重对方当事人行使权利。',
]

/** 权利义务告知书: read to the parties before mediation starts, signed by each (Art. 23). */
export const rightsNotice: DocumentDefinition = {
  checklistItem: 'rightsNotice',
  availability: (c) => ({ missing: c.parties.length === 0 ? ['parties'] : [] }),
  build(ctx) {
    const c = ctx.case
    const title = '人民调解权利义务告知书'
    const names = signingParties(ctx)
      .map((p) => p.name)
      .join('、')
    return {
      title,
      fileName: fileStem(title, ctx),
      blocks: [
        ...caseHeader(ctx, title),
        { type: 'paragraph', text: `${names}：` },
        {
          type: 'paragraph',
          indent: true,
          text: `你（单位）申请或者同意由${ctx.organization}调解的纠纷，本委员会已经受理。根据《中华人民共和国人民调解法》第二十三条、第二十四条的规定，现将当事人在人民调解活动中享有的权利和承担的义务告知如下：`,
        },
        { type: 'heading', text: '一、当事人享有下列权利' },
        { type: 'list', items: RIGHTS },
        { type: 'heading', text: '二、当事人履行下列义务' },
        { type: 'list', items: DUTIES },
        {
          type: 'paragraph',
          indent: true,
          text: '人民调解不收取任何费用。经调解达成的调解协议具有法律约束力，当事人应当按照约定履行。当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。',
        },
        { type: 'paragraph', text: '以上内容本人已阅知。', indent: true },
        partySignatures(ctx),
        {
          type: 'seal',
          organization: ctx.organization,
          date: c.progress.rightsNotifiedAt ? cnDate(c.progress.rightsNotifiedAt) : BLANK_DATE,
        },
      ],
    }
  },
}
