import { cnDate, GAP, mediatorNames, fileStem, type DocumentDefinition } from './common'

/** At most this many rows per table, so the summary stays on one page; the rest is counted. */
const MAX_ROWS = 10

const VIEW = { full: '完整信息', masked: '已脱敏', deidentified: '已去标识化' } as const
const CLOCK_STATUS = {
  running: '进行中',
  dueSoon: '即将到期',
  overdue: '已逾期',
  done: '已完成',
} as const

/** The case's summary may run to 2,000 characters; one page has room for a few lines. */
const brief = (text: string) =>
  [...text].length > 200 ? `${[...text].slice(0, 200).join('')}…` : text

function capped<T>(rows: readonly T[]): { rows: readonly T[]; more: number } {
  return { rows: rows.slice(0, MAX_ROWS), more: Math.max(rows.length - MAX_ROWS, 0) }
}

/**
 * One page for a supervisor (issue 6 item 3): who, where the case stands and how it got
 * there, the sessions held (dates and places, never their content), the outcome and every
 * clock. Party data in the view the supervisor chose.
 */
export const caseSummary: DocumentDefinition = {
  checklistItem: '',
  availability: () => ({ missing: [] }),
  build(ctx) {
    const c = ctx.case
    const { label } = ctx
    const chronological = [...c.timeline].reverse()
    const stages = chronological.filter((e) => e.kind === 'stageChange' && e.transition)
    const sessions = capped(chronological.filter((e) => e.kind === 'session'))
    const parties = capped(c.parties)
    const signed = c.households.filter((h) => h.agreementStatus === 'signed').length
    const outcome = [
      `当前阶段：${label(`workflow.stage.${c.stage}`)}`,
      c.progress.agreementEffectiveAt && `协议生效：${cnDate(c.progress.agreementEffectiveAt)}`,
      c.progress.performanceDeadline && `履行期限：${cnDate(c.progress.performanceDeadline)}`,
      c.progress.followUpAt && `回访：${cnDate(c.progress.followUpAt)}`,
      c.progress.judicialConfirmationResult &&
        `司法确认：${label(`case.judicialConfirmationResult.${c.progress.judicialConfirmationResult}`)}`,
    ].filter(Boolean)
    const title = '案件摘要'
    return {
      title,
      fileName: fileStem(title, ctx),
      compact: true,
      blocks: [
        { type: 'title', text: [title, c.number].join(GAP) },
        {
          type: 'paragraph',
          align: 'center',
          text: [ctx.organization, cnDate(ctx.today), VIEW[c.documentView]].join(GAP),
        },
        {
          type: 'fields',
          rows: [
            { label: '类别', value: label(`workflow.category.${c.category}`) },
            { label: '来源', value: label(`case.source.${c.source}`) },
            { label: '受理日期', value: cnDate(c.acceptedAt) },
            { label: '地点', value: `${label(`case.district.${c.district}`)}${c.street}` },
            { label: '调解员', value: mediatorNames(ctx) },
            { label: '风险等级', value: label(`case.risk.${c.riskLevel}`) },
            { label: '案情', value: brief(c.summary) },
            ...(c.households.length > 0
              ? [{ label: '分户签约', value: `已签约 ${signed}/${c.households.length}` }]
              : []),
          ],
        },
        { type: 'heading', text: `当事人（${c.parties.length}）` },
        {
          type: 'table',
          columns: ['姓名／名称', '身份', '证件号码', '联系电话'],
          widths: [30, 22, 28, 20],
          rows: [
            ...parties.rows.map((p) => [
              p.name,
              label(`case.partyRole.${p.role}`),
              p.idNumber ?? '',
              p.phone ?? '',
            ]),
            ...(parties.more > 0 ? [[`另有 ${parties.more} 人`, '', '', '']] : []),
          ],
        },
        { type: 'heading', text: '阶段' },
        {
          type: 'table',
          columns: ['日期', '变更', '审批人'],
          widths: [22, 58, 20],
          rows: [
            [cnDate(c.acceptedAt), `受理（${label(`workflow.stage.intake`)}）`, ''],
            ...stages.map((e) => [
              cnDate(e.occurredAt.slice(0, 10)),
              `${label(`workflow.stage.${e.transition?.from}`)} → ${label(`workflow.stage.${e.transition?.to}`)}`,
              e.transition?.approvedByName ?? '',
            ]),
          ],
        },
        { type: 'heading', text: `调解会谈（${sessions.rows.length + sessions.more}次）` },
        {
          type: 'table',
          columns: ['时间', '地点', '参加人数', '记录人'],
          widths: [26, 44, 12, 18],
          rows: [
            ...sessions.rows.map((e) => [
              cnDate(e.occurredAt),
              e.place ?? '',
              String(e.attendees.length),
              e.authorName,
            ]),
            ...(sessions.more > 0 ? [[`另有 ${sessions.more} 次`, '', '', '']] : []),
          ],
        },
        { type: 'heading', text: '结果' },
        { type: 'paragraph', text: outcome.join('；') },
        { type: 'heading', text: '期限' },
        {
          type: 'table',
          columns: ['期限', '依据', '届满日', '状态'],
          widths: [24, 40, 16, 20],
          rows: c.clocks.map((clock) => [
            label(`workflow.clock.${clock.clockId}`),
            clock.source,
            cnDate(clock.due),
            clock.status === 'done'
              ? CLOCK_STATUS.done
              : `${clock.kind === 'practice' && clock.status === 'overdue' ? '已过一般期限' : CLOCK_STATUS[clock.status]}（${clock.daysLeft < 0 ? `逾期${-clock.daysLeft}天` : `剩余${clock.daysLeft}天`}）`,
          ]),
        },
      ],
    }
  },
}
