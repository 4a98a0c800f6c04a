import { randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import type { TFunction } from 'i18next'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import {
  maskText,
  namedPerson,
  viewParties,
  type PersonalDataView,
} from '../../../shared/domain/masking'
import { pseudonym } from '../cases/pseudonym'
import { CaseListQuery } from '../../../shared/schemas/case'
import type { ExportBegin, ExportColumn, FileOutput } from '../../../shared/schemas/statistics'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import { matching } from '../services/case-list'
import type { SessionUser } from '../vault'
import { refreshCaseFacts } from './facts'
import { dateCell, displayWidth } from './workbook'

/**
 * The case list exported with its current filters (issue 6 item 7), in chunks: the router
 * answers one request at a time, so a long export is begin → next × N (each a chunk, with
 * progress) → finish, and the window can stop asking (cancel) between chunks. The file is
 * built in memory and handed to the window; nothing is written to disk by the core.
 */
const CHUNK = 2000

type Begin = z.output<typeof ExportBegin>

interface ExportJob {
  id: string
  userId: string
  ids: string[]
  done: number
  columns: ExportColumn[]
  view: PersonalDataView
  includeRestricted: boolean
  format: 'xlsx' | 'csv'
  t: TFunction
  /** Labels of domain ids, looked up once per export rather than once per cell. */
  label: (key: string, options?: Record<string, unknown>) => string
  /** XLSX: the streaming writer and the bytes it has produced so far. */
  workbook?: ExcelJS.stream.xlsx.WorkbookWriter
  sheet?: ExcelJS.Worksheet
  parts: Buffer[]
  /** CSV: finished lines. */
  lines: string[]
}

/** One export per core at a time: a new one replaces (and drops) an unfinished one. */
const jobs = new WeakMap<Kysely<Database>, ExportJob>()

const SORT = {
  acceptedAt: 'case.acceptedAt',
  number: 'case.number',
  updatedAt: 'case.updatedAt',
  nextDue: 'case.nextDue',
} as const

const DATE_COLUMNS = new Set<ExportColumn>(['acceptedAt', 'closedOn'])
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd' }
const TEXT_STYLE: Partial<ExcelJS.Style> = {}
const styleOf = (column: ExportColumn) => (DATE_COLUMNS.has(column) ? DATE_STYLE : TEXT_STYLE)

/** Auditors (the evaluating agency) see masked data whatever they ask for. */
export function allowedView(user: SessionUser, asked: PersonalDataView): PersonalDataView {
  return user.role === 'auditor' && asked === 'full' ? 'masked' : asked
}

export async function beginExport(
  db: Kysely<Database>,
  user: SessionUser,
  input: Begin,
  t: TFunction,
  now: Date,
) {
  await refreshCaseFacts(db)
  const q = CaseListQuery.parse({ ...input.query, limit: 1 })
  const ids = await matching(db, user, q, now)
    .select('case.id')
    .orderBy(SORT[q.sort], q.direction)
    .orderBy('case.number', q.direction)
    .execute()
  const job: ExportJob = {
    id: randomUUID(),
    userId: user.id,
    ids: ids.map((row) => row.id),
    done: 0,
    columns: input.columns,
    view: allowedView(user, input.view),
    includeRestricted: user.role !== 'auditor' && input.includeRestricted,
    format: input.format,
    t,
    label: memoized(t),
    parts: [],
    lines: [],
  }
  const headers = job.columns.map((c) => t(`stats.export.column.${c}`))
  if (job.format === 'xlsx') {
    const stream = new PassThrough()
    stream.on('data', (chunk: Buffer) => job.parts.push(chunk))
    job.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true })
    job.sheet = job.workbook.addWorksheet(t('stats.export.sheet'), {
      views: [{ state: 'frozen', ySplit: 1 }],
    })
    job.sheet.columns = job.columns.map((c, i) => ({
      header: headers[i],
      key: c,
      width: WIDTHS[c] ?? Math.max(displayWidth(headers[i] ?? '') + 2, 10),
      style: styleOf(c),
    }))
    job.sheet.getRow(1).font = { bold: true }
    job.sheet.getRow(1).commit()
  } else {
    job.lines.push(headers.map(csvField).join(','))
  }
  jobs.set(db, job)
  return progressOf(job)
}

const WIDTHS: Partial<Record<ExportColumn, number>> = {
  number: 26,
  summary: 50,
  parties: 30,
  idNumbers: 24,
  phones: 18,
  records: 60,
  street: 16,
}

function memoized(t: TFunction) {
  const cache = new Map<string, string>()
  return (key: string, options?: Record<string, unknown>) => {
    const id = options ? `${key}|${JSON.stringify(options)}` : key
    let text = cache.get(id)
    if (text === undefined) {
      text = t(key, options ?? {})
      cache.set(id, text)
    }
    return text
  }
}

function progressOf(job: ExportJob) {
  return { exportId: job.id, done: job.done, total: job.ids.length, view: job.view }
}

function jobFor(db: Kysely<Database>, user: SessionUser, exportId: string): ExportJob {
  const job = jobs.get(db)
  if (!job || job.id !== exportId || job.userId !== user.id) throw new CoreError('NOT_FOUND')
  return job
}

export async function nextChunk(db: Kysely<Database>, user: SessionUser, exportId: string) {
  const job = jobFor(db, user, exportId)
  const ids = job.ids.slice(job.done, job.done + CHUNK)
  if (ids.length > 0) {
    for (const row of await rowsOf(db, job, ids)) {
      if (job.sheet) {
        const added = job.sheet.addRow(row)
        // exceljs copies the column style into every cell and then looks each copy up again;
        // one shared object per column lets it find the style by identity instead.
        added.eachCell((cell, index) => {
          cell.style = styleOf(job.columns[index - 1] ?? 'number')
        })
        added.commit()
      } else job.lines.push(job.columns.map((c) => csvField(csvValue(row[c]))).join(','))
    }
    job.done += ids.length
  }
  return progressOf(job)
}

export async function finishExport(
  db: Kysely<Database>,
  user: SessionUser,
  exportId: string,
  today: string,
): Promise<z.input<typeof FileOutput>> {
  const job = jobFor(db, user, exportId)
  while (job.done < job.ids.length) await nextChunk(db, user, exportId)
  jobs.delete(db)
  const name = `${job.t('stats.export.fileName')}-${today}`
  if (job.workbook) {
    await job.sheet?.commit()
    await job.workbook.commit()
    return {
      fileName: `${name}.xlsx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: Buffer.concat(job.parts).toString('base64'),
    }
  }
  // The byte-order mark makes Excel read the file as UTF-8 rather than the system code page.
  const csv = `\uFEFF${job.lines.join('\r\n')}\r\n`
  return {
    fileName: `${name}.csv`,
    mediaType: 'text/csv; charset=utf-8',
    data: Buffer.from(csv, 'utf8').toString('base64'),
  }
}

export function cancelExport(db: Kysely<Database>, user: SessionUser, exportId: string): void {
  const job = jobs.get(db)
  if (job && job.id === exportId && job.userId === user.id) jobs.delete(db)
}

function csvValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return value === null || value === undefined ? '' : String(value)
}

/** RFC 4180 quoting; a leading = + - @ is prefixed so Excel does not run it as a formula. */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** One chunk of cases as export rows, personal data shown as the job's view allows. */
async function rowsOf(db: Kysely<Database>, job: ExportJob, ids: string[]) {
  const { view, columns } = job
  const t = job.label
  const want = new Set(columns)
  const cases = await db
    .selectFrom('case')
    .leftJoin('caseFact as f', 'f.caseId', 'case.id')
    .select([
      'case.id',
      'case.number',
      'case.category',
      'case.stage',
      'case.source',
      'case.district',
      'case.street',
      'case.riskLevel',
      'case.acceptedAt',
      'case.summary',
      'f.closedOn',
    ])
    .where('case.id', 'in', ids)
    .execute()
  const byId = new Map(cases.map((c) => [c.id, c]))
  const mediators = await db
    .selectFrom('caseMediator as m')
    .innerJoin('user as u', 'u.id', 'm.userId')
    .select(['m.caseId', 'm.role', 'u.displayName'])
    .where('m.caseId', 'in', ids)
    .execute()
  const leadOf = new Map(mediators.filter((m) => m.role === 'lead').map((m) => [m.caseId, m]))
  const parties = Map.groupBy(
    (
      await db
        .selectFrom('party')
        .select(['caseId', 'kind', 'name', 'role', 'idNumber', 'phone', 'address', 'minor'])
        .where('caseId', 'in', ids)
        .orderBy('caseId')
        .orderBy('createdAt')
        .orderBy('id')
        .execute()
    ).map((p) => ({ ...p, minor: p.minor === 1 })),
    (p) => p.caseId,
  )
  const records = want.has('records')
    ? Map.groupBy(
        await db
          .selectFrom('timelineEntry')
          .select(['caseId', 'kind', 'occurredAt', 'body', 'attendees'])
          .where('caseId', 'in', ids)
          .where('kind', '!=', 'stageChange')
          .$if(!job.includeRestricted, (q) => q.where('restricted', '=', 0))
          .orderBy('caseId')
          .orderBy('occurredAt')
          .execute(),
        (r) => r.caseId,
      )
    : new Map<string, never[]>()

  return ids.flatMap((id) => {
    const c = byId.get(id)
    if (!c) return []
    const own = parties.get(id) ?? []
    const notes = records.get(id) ?? []
    const people = [
      ...own,
      ...notes.flatMap((r) => (JSON.parse(r.attendees) as string[]).map(namedPerson)),
    ]
    const text = (value: string) => (view === 'full' ? value : maskText(value, people))
    const shown = viewParties(own, view, pseudonym(t))
    const row: Record<ExportColumn, unknown> = {
      number: c.number,
      category: t(`workflow.category.${c.category}`),
      stage: t(`workflow.stage.${c.stage}`),
      source: t(`case.source.${c.source}`),
      district: t(`case.district.${c.district}`),
      street: c.street,
      riskLevel: t(`case.risk.${c.riskLevel}`),
      acceptedAt: dateCell(c.acceptedAt),
      closedOn: dateCell(c.closedOn),
      leadMediator: leadOf.get(id)?.displayName ?? '',
      summary: text(c.summary),
      parties: shown.map((p) => `${p.name}（${t(`case.partyRole.${p.role}`)}）`).join('；'),
      idNumbers: shown.flatMap((p) => (p.idNumber ? [p.idNumber] : [])).join('；'),
      phones: shown.flatMap((p) => (p.phone ? [p.phone] : [])).join('；'),
      records: notes
        .map(
          (r) =>
            `${r.occurredAt.slice(0, 10)} ${t(`stats.export.recordKind.${r.kind}`)}：${text(r.body)}`,
        )
        .join('\n'),
    }
    return [Object.fromEntries(columns.map((col) => [col, row[col]]))]
  })
}
