import type { CaseCategory } from '../../../../shared/domain/workflow/types'
import type { DocumentCase } from '../view'
import { caseHeader, cnDate, fileStem, signingParties, type DocumentDefinition } from './common'
import { bodyParagraphs } from './records'

/**
 * The routes left to the parties when mediation ends without agreement (PML Art. 26): court
 * and arbitration for every dispute, plus the category's own administrative routes with their
 * time limits, so that nobody loses a period while waiting on mediation.
 */
const OTHER_ROUTES: Record<CaseCategory, string[]> = {
  family: [
    '遭受家庭暴力或者面临家庭暴力现实危险的，可以向公安机关报案，或者依法向人民法院申请人身安全保护令；',
    '就婚姻、赡养、抚养等家庭纠纷，可以依法向人民法院提起诉讼。',
  ],
  expropriation: [
    '对房屋征收决定或者补偿决定不服的，可以自知道或者应当知道之日起六十日内依法申请行政复议，或者自知道或者应当知道之日起六个月内依法提起行政诉讼；',
    '对评估结果有异议的，可以依法申请复核评估及鉴定；',
    '其他民事争议，可以依法向人民法院提起诉讼。',
  ],
  petition: [
    '可以依照《信访工作条例》向有权处理的机关反映诉求，或者对处理意见依法申请复查、复核；',
    '属于诉讼、仲裁、行政复议等法定途径解决的事项，可以依照有关法律、行政法规的规定提出。',
  ],
  owners: [
    '业主大会或者业主委员会作出的决定侵害业主合法权益的，受侵害的业主可以自知道或者应当知道之日起一年内请求人民法院予以撤销（民法典第二百八十条）；',
    '可以向街道办事处、乡镇人民政府或者区房屋管理部门反映，请求依法处理；',
    '就物业服务合同等民事争议，可以依法申请仲裁（有仲裁协议的）或者向人民法院提起诉讼。',
  ],
}

function terminationEntry(c: DocumentCase) {
  return c.timeline.find((e) => e.kind === 'stageChange' && e.transition?.to === 'terminated')
}

/** 终止调解告知书: why mediation ended, and where the parties can turn now. */
export const terminationNotice: DocumentDefinition = {
  checklistItem: 'terminationNotice',
  availability: (c) => ({ missing: terminationEntry(c) ? [] : ['termination'] }),
  build(ctx) {
    const c = ctx.case
    const entry = terminationEntry(c)
    if (!entry) throw new RangeError('termination')
    const title = '终止人民调解告知书'
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
          text: `你（单位）之间的纠纷（${c.number}），本委员会于${cnDate(c.acceptedAt)}受理并进行了调解。因下列原因，依照《中华人民共和国人民调解法》第二十六条的规定，本委员会决定于${cnDate(entry.occurredAt.slice(0, 10))}终止调解：`,
        },
        ...bodyParagraphs(entry.body || '调解不成。'),
        { type: 'heading', text: '你（单位）可以通过下列途径维护自身权益' },
        { type: 'list', items: OTHER_ROUTES[c.category] },
        { type: 'paragraph', text: '特此告知。', indent: true },
        {
          type: 'signatures',
          rows: signingParties(ctx).map((p) => `被告知人：${p.name}`),
        },
        {
          type: 'seal',
          organization: ctx.organization,
          date: cnDate(entry.occurredAt.slice(0, 10)),
        },
      ],
    }
  },
}
