import {
  caseHeader,
  cnDate,
  fileStem,
  mediatorNames,
  partyLine,
  type DocumentDefinition,
} from './common'
import { bodyParagraphs } from './records'

const METHOD = { phone: '电话报告', inPerson: '当面报告', written: '书面报告' } as const

/**
 * 强制报告记录 (反家庭暴力法第十四条; 未成年人保护法第十一条): a social-work organization that
 * finds a person without full civil capacity suffering or suspected to suffer domestic violence
 * reports to the police at once. The report itself happens outside the case base, so when, to
 * whom and how are answered in the generate dialog; the people concerned and the incident log
 * come from the case.
 */
export const mandatoryReport: DocumentDefinition = {
  checklistItem: 'mandatoryReportRecord',
  availability: (c) => ({
    missing: c.category === 'family' ? [] : ['familyOnly'],
    needsOptions: true,
  }),
  build(ctx) {
    const c = ctx.case
    const report = ctx.options.mandatoryReport
    if (!report) throw new RangeError('mandatoryReport')
    const on = report.reportedAt.slice(0, 10)
    const protectedPeople = c.parties.filter((p) => p.minor || p.civilCapacity !== 'full')
    const incidents = c.details.category === 'family' ? (c.details.incidents ?? []) : []
    const title = '家庭暴力强制报告记录'
    return {
      title,
      fileName: fileStem(title, ctx),
      blocks: [
        ...caseHeader(ctx, title),
        {
          type: 'fields',
          rows: [
            { label: '报告时间', value: cnDate(report.reportedAt) },
            { label: '报告对象', value: report.reportedTo },
            { label: '报告方式', value: METHOD[report.method] },
            { label: '回执或接报编号', value: report.receiptNo ?? '' },
            { label: '报告人', value: mediatorNames(ctx) },
            { label: '报告单位', value: ctx.organization },
          ],
        },
        { type: 'heading', text: '无民事行为能力人、限制民事行为能力人' },
        ...(protectedPeople.length > 0
          ? protectedPeople.map((p) => ({
              type: 'paragraph' as const,
              text: `${partyLine(ctx, p, on)}（${p.minor ? '未成年人' : ctx.label(`case.civilCapacity.${p.civilCapacity}`)}）`,
            }))
          : [{ type: 'paragraph' as const, text: '（案件当事人中未登记，见下述情况）' }]),
        { type: 'heading', text: '发现的家庭暴力情况' },
        ...bodyParagraphs(report.circumstances),
        ...(incidents.length > 0
          ? [
              { type: 'heading' as const, text: '事件记录' },
              {
                type: 'table' as const,
                columns: ['时间', '经过', '受伤', '报警', '子女目睹'],
                widths: [20, 50, 10, 10, 10],
                rows: incidents.map((i) => [
                  cnDate(i.at),
                  i.description,
                  i.injuries ? '是' : '否',
                  i.policeCalled ? '是' : '否',
                  i.childrenWitnessed ? '是' : '否',
                ]),
              },
            ]
          : []),
        {
          type: 'paragraph',
          indent: true,
          text: '依据《中华人民共和国反家庭暴力法》第十四条、《中华人民共和国未成年人保护法》第十一条，本单位已向公安机关报案。',
        },
        { type: 'signatures', rows: [`报告人：${mediatorNames(ctx)}`] },
        { type: 'seal', organization: ctx.organization, date: cnDate(on) },
      ],
    }
  },
}
