import { createHash } from 'node:crypto'
import ExcelJS from 'exceljs'
import type { TFunction } from 'i18next'
import type { Kysely } from 'kysely'
import {
  CaseSet,
  Dimension,
  Rate,
  type BreakdownRow,
  type ContractProgress,
  type Figures,
  type StatsPeriod,
} from '../../../shared/schemas/statistics'
import type { Database } from '../db/schema'
import { contractProgress, loadContract } from './contracts'
import { refreshCaseFacts } from './facts'
import { ALL_CASES, breakdowns, membership, totals, type Window } from './indicators'
import { addTable, dateCell, type SheetColumn } from './workbook'

/**
 * A period report for the purchasing body: every figure, every breakdown, the contract's
 * targets, and the cases behind each figure. The content is plain JSON in a fixed key order;
 * its SHA-256 is what a frozen report records, and the XLSX is drawn from it, so a frozen
 * report downloads again exactly as submitted.
 */
export interface ReportContent {
  title: string
  organization: string
  period: { from: string; to: string; asOf: string }
  contract: ContractProgress | null
  totals: Figures
  breakdowns: Record<Dimension, BreakdownRow[]>
  cases: {
    number: string
    category: string
    stage: string
    source: string
    district: string
    acceptedAt: string
    concludedOn: string | null
    closedOn: string | null
    conclusionDue: string | null
    leadMediatorName: string
    sets: CaseSet[]
  }[]
}

export async function reportContent(
  db: Kysely<Database>,
  input: { title: string; period: StatsPeriod; contractId?: string | null },
  asOf: string,
): Promise<ReportContent> {
  await refreshCaseFacts(db)
  const w: Window = { ...input.period, asOf }
  const organization = await db.selectFrom('organization').select('name').executeTakeFirst()
  const contract = input.contractId ? await loadContract(db, input.contractId) : null
  const filters = { ...(contract?.district ? { district: contract.district } : {}) }
  const cases = await membership(db, ALL_CASES, filters, w)
  return {
    title: input.title,
    organization: organization?.name ?? '',
    period: { from: w.from, to: w.to, asOf },
    contract: contract ? await contractProgress(db, contract, asOf) : null,
    totals: await totals(db, ALL_CASES, filters, w),
    breakdowns: await breakdowns(db, ALL_CASES, filters, w),
    cases: cases.map((c) => ({
      number: c.number,
      category: c.category,
      stage: c.stage,
      source: c.source,
      district: c.district,
      acceptedAt: c.acceptedAt,
      concludedOn: c.concludedOn,
      closedOn: c.closedOn,
      conclusionDue: c.conclusionDue,
      leadMediatorName: c.leadMediatorName,
      sets: c.sets,
    })),
  }
}

export function contentHash(content: ReportContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}

/** Every figure of a report by a stable name, to say which ones drifted. */
export function flatFigures(content: ReportContent): Map<string, string> {
  const flat = new Map<string, string>()
  const add = (prefix: string, f: Figures) => {
    for (const set of CaseSet.options) flat.set(`${prefix}.${set}`, String(f.counts[set]))
    for (const rate of Rate.options) flat.set(`${prefix}.${rate}`, String(f.rates[rate]))
    flat.set(`${prefix}.averageDays`, String(f.averageDays))
  }
  add('totals', content.totals)
  for (const dimension of Dimension.options) {
    for (const row of content.breakdowns[dimension]) add(`${dimension}.${row.key}`, row.figures)
  }
  for (const target of content.contract?.targets ?? []) {
    flat.set(`contract.${target.indicator}`, String(target.actual))
  }
  for (const c of content.cases) flat.set(`case.${c.number}`, c.sets.join(','))
  return flat
}

export function differences(frozen: ReportContent, current: ReportContent) {
  const a = flatFigures(frozen)
  const b = flatFigures(current)
  const names = [...new Set([...a.keys(), ...b.keys()])].sort()
  return names
    .filter((name) => a.get(name) !== b.get(name))
    .map((figure) => ({ figure, frozen: a.get(figure) ?? '—', current: b.get(figure) ?? '—' }))
}

/** Figures shown in the summary and breakdown sheets, in this order. */
const FIGURE_COLUMNS: { key: string; kind: SheetColumn['kind'] }[] = [
  ...CaseSet.options.map((set) => ({ key: set, kind: 'number' as const })),
  ...Rate.options.map((rate) => ({ key: rate, kind: 'percent' as const })),
  { key: 'averageDays', kind: 'number' },
]

function figureValues(f: Figures): Record<string, number | null> {
  return { ...f.counts, ...f.rates, averageDays: f.averageDays }
}

/** The report as a workbook, headers and labels in Chinese (the purchaser's language). */
export async function reportWorkbook(content: ReportContent, t: TFunction): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Concord'
  const figureHeader = (key: string) => t(`stats.figure.${key}`)

  addTable(
    workbook,
    t('stats.report.sheet.summary'),
    [
      { header: t('stats.report.column.item'), key: 'item', width: 24 },
      { header: t('stats.report.column.value'), key: 'value', width: 16 },
      { header: t('stats.report.column.definition'), key: 'definition', width: 90 },
    ],
    [
      { item: t('stats.report.title'), value: content.title },
      { item: t('stats.report.organization'), value: content.organization },
      { item: t('stats.report.from'), value: dateCell(content.period.from) },
      { item: t('stats.report.to'), value: dateCell(content.period.to) },
      { item: t('stats.report.asOf'), value: dateCell(content.period.asOf) },
      ...FIGURE_COLUMNS.map(({ key }) => ({
        item: figureHeader(key),
        value: figureValues(content.totals)[key] ?? null,
        definition: t(`stats.definition.${key}`),
      })),
    ],
  )
  // Dates and rates share the value column: format those cells one by one.
  const summary = workbook.getWorksheet(t('stats.report.sheet.summary'))
  summary?.eachRow((row, index) => {
    const cell = row.getCell(2)
    if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd'
    const key = FIGURE_COLUMNS[index - 7]?.key
    if (key && (Rate.options as string[]).includes(key)) cell.numFmt = '0.0%'
  })

  for (const dimension of Dimension.options) {
    addTable(
      workbook,
      t(`stats.report.sheet.${dimension}`),
      [
        { header: t(`stats.dimension.${dimension}`), key: 'label' },
        ...FIGURE_COLUMNS.map(({ key, kind }) => ({ header: figureHeader(key), key, kind })),
      ],
      content.breakdowns[dimension].map((row) => ({
        label: row.label ?? keyLabel(dimension, row.key, t),
        ...figureValues(row.figures),
      })),
    )
  }

  if (content.contract) {
    const { contract, targets } = content.contract
    addTable(
      workbook,
      t('stats.report.sheet.contract'),
      [
        { header: t('stats.contract.indicator'), key: 'indicator' },
        { header: t('stats.contract.target'), key: 'target', kind: 'number' },
        { header: t('stats.contract.actual'), key: 'actual', kind: 'number' },
        { header: t('stats.contract.met'), key: 'met' },
      ],
      targets.map((target) => ({
        indicator: `${contract.purchaser} · ${figureHeader(target.indicator)}`,
        target: target.value,
        actual: target.actual,
        met: target.met ? t('stats.contract.yes') : t('stats.contract.no'),
      })),
    )
  }

  addTable(
    workbook,
    t('stats.report.sheet.cases'),
    [
      { header: t('stats.case.number'), key: 'number' },
      { header: t('stats.case.category'), key: 'category' },
      { header: t('stats.case.stage'), key: 'stage' },
      { header: t('stats.case.source'), key: 'source' },
      { header: t('stats.case.district'), key: 'district' },
      { header: t('stats.case.leadMediator'), key: 'leadMediatorName' },
      { header: t('stats.case.acceptedAt'), key: 'acceptedAt', kind: 'date' },
      { header: t('stats.case.concludedOn'), key: 'concludedOn', kind: 'date' },
      { header: t('stats.case.closedOn'), key: 'closedOn', kind: 'date' },
      { header: t('stats.case.conclusionDue'), key: 'conclusionDue', kind: 'date' },
      // One 0/1 column per set: the figure is the column's sum.
      ...CaseSet.options.map((set) => ({
        header: figureHeader(set),
        key: set,
        kind: 'number' as const,
      })),
    ],
    content.cases.map((c) => ({
      number: c.number,
      category: t(`workflow.category.${c.category}`),
      stage: t(`workflow.stage.${c.stage}`),
      source: t(`case.source.${c.source}`),
      district: t(`case.district.${c.district}`),
      leadMediatorName: c.leadMediatorName,
      acceptedAt: dateCell(c.acceptedAt),
      concludedOn: dateCell(c.concludedOn),
      closedOn: dateCell(c.closedOn),
      conclusionDue: dateCell(c.conclusionDue),
      ...Object.fromEntries(CaseSet.options.map((set) => [set, c.sets.includes(set) ? 1 : 0])),
    })),
  )
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export function keyLabel(dimension: Dimension, key: string, t: TFunction): string {
  switch (dimension) {
    case 'category':
      return t(`workflow.category.${key}`)
    case 'stage':
      return t(`workflow.stage.${key}`)
    case 'district':
      return t(`case.district.${key}`)
    case 'source':
      return t(`case.source.${key}`)
    default:
      return key
  }
}
