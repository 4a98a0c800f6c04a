import { randomUUID } from 'node:crypto'
import { todayInChina } from '../../../shared/domain/iso-date'
import { requireUser } from '../cases/access'
import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { beginExport, cancelExport, finishExport, nextChunk } from '../stats/case-export'
import { contractProgress, listContracts, removeContract, saveContract } from '../stats/contracts'
import { refreshCaseFacts } from '../stats/facts'
import { breakdowns, drilldown, scopeOf, totals, windowOf } from '../stats/indicators'
import {
  contentHash,
  differences,
  reportContent,
  reportWorkbook,
  type ReportContent,
} from '../stats/report'

/**
 * Statistics, service contracts, period reports and the case-list export (issue 6 items 4–7).
 * Who sees what (docs/statistics.md): supervisors, auditors and administrators see figures over
 * all cases, a mediator over their own; lists of cases (drill-down, reports, exports) never go
 * to administrators, who read no case content; auditors get masked data only.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function reportFile(title: string, from: string, to: string) {
  return `${title}-${from}-${to}.xlsx`.replace(/[\\/:*?"<>|]/g, '_')
}

async function frozenRows(ctx: CoreContext) {
  return ctx.vault
    .caseBase()
    .db.selectFrom('frozenReport as r')
    .innerJoin('user as u', 'u.id', 'r.frozenBy')
    .select([
      'r.id',
      'r.title',
      'r.from',
      'r.to',
      'r.asOf',
      'r.contractId',
      'r.sha256',
      'r.frozenAt',
      'r.content',
      'u.displayName as frozenByName',
    ])
    .orderBy('r.frozenAt', 'desc')
    .execute()
}

async function frozenReport(ctx: CoreContext, id: string) {
  const row = (await frozenRows(ctx)).find((r) => r.id === id)
  if (!row) throw new CoreError('NOT_FOUND')
  const { content, ...report } = row
  return { report, content: JSON.parse(content) as ReportContent }
}

export const statisticsHandlers = {
  async 'stats.dashboard'({ period, filters }, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    await refreshCaseFacts(db)
    const w = windowOf(period, ctx.now())
    const scope = scopeOf(user)
    const today = todayInChina(ctx.now())
    // Contracts are the organization's: their progress is for those who see all cases.
    const contracts =
      user.role === 'mediator'
        ? []
        : (await listContracts(db)).filter((c) => c.from <= w.to && c.to >= w.from)
    return {
      period: { from: w.from, to: w.to, asOf: w.asOf },
      totals: await totals(db, scope, filters, w),
      breakdowns: await breakdowns(db, scope, filters, w),
      contracts: await Promise.all(contracts.map((c) => contractProgress(db, c, today))),
    }
  },

  async 'stats.drilldown'(input, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    await refreshCaseFacts(db)
    return drilldown(db, scopeOf(user), input.filters, windowOf(input.period, ctx.now()), input)
  },

  async 'contracts.list'(_input, ctx) {
    requireUser(ctx)
    return listContracts(ctx.vault.caseBase().db)
  },

  async 'contracts.save'(input, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    await saveContract(db, input, user.id, ctx.now().toISOString())
    return listContracts(db)
  },

  async 'contracts.remove'({ id }, ctx) {
    requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    await removeContract(db, id)
    return listContracts(db)
  },

  async 'reports.export'(input, ctx) {
    requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const t = ctx.i18n.getFixedT('zh-CN')
    if ('frozenId' in input) {
      const { report, content } = await frozenReport(ctx, input.frozenId)
      return {
        fileName: reportFile(report.title, report.from, report.to),
        mediaType: XLSX,
        data: (await reportWorkbook(content, t)).toString('base64'),
      }
    }
    const { asOf } = windowOf(input.period, ctx.now())
    const content = await reportContent(db, input, asOf)
    return {
      fileName: reportFile(input.title, input.period.from, input.period.to),
      mediaType: XLSX,
      data: (await reportWorkbook(content, t)).toString('base64'),
    }
  },

  async 'reports.freeze'(input, ctx) {
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const { asOf } = windowOf(input.period, ctx.now())
    const content = await reportContent(db, input, asOf)
    const id = randomUUID()
    await db
      .insertInto('frozenReport')
      .values({
        id,
        title: input.title,
        from: input.period.from,
        to: input.period.to,
        asOf,
        contractId: input.contractId ?? null,
        content: JSON.stringify(content),
        sha256: contentHash(content),
        frozenBy: user.id,
        frozenAt: ctx.now().toISOString(),
      })
      .execute()
    return (await frozenReport(ctx, id)).report
  },

  async 'reports.list'(_input, ctx) {
    requireUser(ctx)
    return (await frozenRows(ctx)).map(({ content: _content, ...report }) => report)
  },

  async 'reports.verify'({ id }, ctx) {
    requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const { report, content } = await frozenReport(ctx, id)
    // Recomputed as of the same day, so only a change in the data can make it differ.
    const current = await reportContent(
      db,
      {
        title: report.title,
        period: { from: report.from, to: report.to },
        contractId: report.contractId,
      },
      report.asOf,
    )
    const currentSha256 = contentHash(current)
    return {
      report,
      currentSha256,
      unchanged: currentSha256 === report.sha256 && contentHash(content) === report.sha256,
      differences: differences(content, current),
    }
  },

  async 'exports.begin'(input, ctx) {
    const user = requireUser(ctx)
    return beginExport(ctx.vault.caseBase().db, user, input, ctx.i18n.t, ctx.now())
  },

  async 'exports.next'({ exportId }, ctx) {
    const user = requireUser(ctx)
    return nextChunk(ctx.vault.caseBase().db, user, exportId)
  },

  async 'exports.finish'({ exportId }, ctx) {
    const user = requireUser(ctx)
    return finishExport(ctx.vault.caseBase().db, user, exportId, todayInChina(ctx.now()))
  },

  async 'exports.cancel'({ exportId }, ctx) {
    const user = requireUser(ctx)
    cancelExport(ctx.vault.caseBase().db, user, exportId)
    return null
  },
} satisfies Partial<Handlers>
