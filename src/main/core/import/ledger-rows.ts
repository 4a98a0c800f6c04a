import type { z } from 'zod'
import { ResidentId } from '../../../shared/domain/resident-id'
import type { CaseCategory } from '../../../shared/domain/workflow/types'
import { en } from '../../../shared/i18n/en'
import { zhCN } from '../../../shared/i18n/zh-CN'
import { CaseCreate, PartyInput } from '../../../shared/schemas/case'
import {
  ImportField,
  LEDGER_HEADER_ROWS,
  PARTY_SLOTS,
  REQUIRED_FIELDS,
  type ImportMapping,
  type ImportProblem,
  type SavedImportMapping,
} from '../../../shared/schemas/ledger-import'
import type { CaseRegistration } from '../cases/register'
import type { LedgerRow, LedgerSheet } from './ledger-file'
import * as values from './ledger-values'

/** Header texts ledgers use for each field, besides the field's own labels in both languages. */
const HEADER_SYNONYMS: Partial<Record<ImportField, string[]>> = {
  number: ['案号', '编号', '案件号', '卷宗号', '序号编号', 'case no', 'no'],
  category: ['类别', '案件类型', '纠纷类型', '纠纷类别', '类型', 'type'],
  stage: ['状态', '案件状态', '办理状态', '办理情况', '调解结果', 'status'],
  acceptedAt: ['受理时间', '登记日期', '收案日期', '日期', 'date', 'accepted'],
  source: ['来源', 'case source'],
  district: ['区', '所在区', '区县', '纠纷发生地', 'district'],
  street: ['街道', '街镇', '街道镇', '街道乡镇', 'street'],
  summary: ['简要案情', '案情', '案情摘要', '纠纷内容', '纠纷简况', '摘要', 'summary'],
  leadMediator: ['调解员', '主办人', '承办人', '承办调解员', 'mediator'],
  coMediators: ['协办人', '协办', 'co-mediators'],
  riskLevel: ['风险', 'risk'],
  party1Name: ['申请人', '申请人姓名', '当事人', '当事人姓名', 'applicant'],
  party1IdNumber: ['申请人身份证号', '申请人身份证号码', '身份证号', '身份证号码', '证件号码'],
  party1IdType: ['证件类型'],
  party1Phone: ['申请人电话', '申请人联系电话', '联系电话', '电话', '手机', '手机号'],
  party1Address: ['申请人住址', '住址', '地址', '联系地址'],
  party2Name: ['被申请人', '被申请人姓名', '对方当事人', 'respondent'],
  party2IdNumber: ['被申请人身份证号', '被申请人身份证号码'],
  party2Phone: ['被申请人电话', '被申请人联系电话'],
  party2Address: ['被申请人住址'],
}

const headerLookup = (() => {
  const table = new Map<string, ImportField>()
  const add = (text: string, field: ImportField) => {
    const key = values.normalize(text)
    if (key && !table.has(key)) table.set(key, field)
  }
  for (const field of ImportField.options) {
    add(zhCN.ledgerImport.field[field], field)
    add(en.ledgerImport.field[field], field)
  }
  for (const [field, words] of Object.entries(HEADER_SYNONYMS)) {
    for (const word of words) add(word, field as ImportField)
  }
  return (text: string) => table.get(values.normalize(text))
})()

/** Columns whose header names a field, each field taken by its first column. */
export function columnsFor(headers: readonly string[]): ImportMapping['columns'] {
  const columns: ImportMapping['columns'] = {}
  headers.forEach((header, index) => {
    const field = headerLookup(header)
    if (field && columns[field] === undefined) columns[field] = index
  })
  return columns
}

/** The row among the first few whose cells name the most fields: title rows name none. */
export function headerRowOf(sheet: LedgerSheet): number {
  let best = { row: sheet.rows[0]?.number ?? 1, count: 0 }
  for (const row of sheet.rows) {
    if (row.number > LEDGER_HEADER_ROWS) break
    const count = Object.keys(columnsFor(row.cells)).length
    if (count > best.count) best = { row: row.number, count }
  }
  return Math.min(best.row, LEDGER_HEADER_ROWS)
}

export function headersOf(sheet: LedgerSheet, headerRow: number): string[] {
  return sheet.rows.find((row) => row.number === headerRow)?.cells ?? []
}

export function dataRows(sheet: LedgerSheet, headerRow: number): LedgerRow[] {
  return sheet.rows.filter((row) => row.number > headerRow)
}

/** A saved mapping applied to these headers; undefined unless every saved header is there. */
export function applySaved(
  saved: SavedImportMapping,
  sheet: LedgerSheet,
): ImportMapping | undefined {
  const headers = headersOf(sheet, saved.headerRow).map(values.normalize)
  const columns: ImportMapping['columns'] = {}
  for (const [field, header] of Object.entries(saved.columns)) {
    const index = headers.indexOf(values.normalize(header))
    if (index < 0) return undefined
    columns[field as ImportField] = index
  }
  return { sheet: sheet.name, headerRow: saved.headerRow, columns, defaults: saved.defaults }
}

/**
 * The mapping offered first: a saved mapping whose headers all appear in the first sheet
 * (the one saved most recently wins), otherwise one guessed from the header texts.
 */
export function suggestMapping(
  sheets: readonly LedgerSheet[],
  saved: readonly SavedImportMapping[],
): { mapping: ImportMapping; from: string | null } {
  const sheet = sheets[0] as LedgerSheet
  const recent = [...saved].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  for (const candidate of recent) {
    const mapping = applySaved(candidate, sheet)
    if (mapping) return { mapping, from: candidate.name }
  }
  const headerRow = headerRowOf(sheet)
  return {
    mapping: {
      sheet: sheet.name,
      headerRow,
      columns: columnsFor(headersOf(sheet, headerRow)),
      defaults: {},
    },
    from: null,
  }
}

/** The mapping kept for next time: columns by their header text. */
export function toSaved(mapping: ImportMapping, sheet: LedgerSheet) {
  const headers = headersOf(sheet, mapping.headerRow)
  const columns: SavedImportMapping['columns'] = {}
  for (const [field, index] of Object.entries(mapping.columns)) {
    const header = headers[index]
    if (header) columns[field as ImportField] = header
  }
  return { headerRow: mapping.headerRow, columns, defaults: mapping.defaults }
}

export interface Mediator {
  id: string
  login: string
  displayName: string
}

/** What interpreting a row needs besides the row: the organization's mediators. */
export interface RowContext {
  mediators: readonly Mediator[]
}

type Problem = Omit<ImportProblem, 'row' | 'otherRow'>

export interface Interpreted {
  problems: Problem[]
  registration?: CaseRegistration & { parties: z.output<typeof PartyInput>[] }
}

/** The mediator a cell names, by login or display name; an ambiguous name is a problem. */
function findMediator(
  mediators: readonly Mediator[],
  text: string,
): { id: string } | { rule: string } {
  const key = values.normalize(text)
  const byLogin = mediators.find((m) => values.normalize(m.login) === key)
  if (byLogin) return byLogin
  const byName = mediators.filter((m) => values.normalize(m.displayName) === key)
  if (byName.length === 1 && byName[0]) return byName[0]
  return { rule: byName.length > 1 ? 'ambiguousMediator' : 'unknownMediator' }
}

const MAX_VALUE = 100

/** Maps a schema field path back to the ledger field it came from. */
const CASE_PATHS: Partial<Record<string, ImportField>> = {
  source: 'source',
  summary: 'summary',
  district: 'district',
  street: 'street',
  riskLevel: 'riskLevel',
  acceptedAt: 'acceptedAt',
  leadMediatorId: 'leadMediator',
  coMediatorIds: 'coMediators',
}

/**
 * One data row read through the mapping: the case it registers with its parties, or every
 * problem found in it (all of them, so the user fixes a row once). Duplicate case numbers
 * are the caller's business: they need the whole file and the case base.
 */
export function interpretRow(row: LedgerRow, mapping: ImportMapping, ctx: RowContext): Interpreted {
  const problems: Problem[] = []
  const cell = (field: ImportField) => {
    const index = mapping.columns[field]
    return index === undefined ? '' : (row.cells[index] ?? '').trim()
  }
  const report = (field: ImportField, rule: string, value: string | null = cell(field)) =>
    problems.push({ field, rule, value: value ? value.slice(0, MAX_VALUE) : null })
  /** The cell, or the mapping's value for empty cells (already an id). */
  const pick = <T extends string>(
    field: ImportField & keyof ImportMapping['defaults'],
    read: (text: string) => T | undefined,
    rule: string,
  ): T | undefined => {
    const text = cell(field)
    if (!text) return mapping.defaults[field] as T | undefined
    const id = read(text)
    if (id === undefined) report(field, rule)
    return id
  }

  for (const field of REQUIRED_FIELDS) {
    const defaulted = field in mapping.defaults
    if (!cell(field) && !defaulted) report(field, 'required', null)
  }

  const category = pick('category', values.category, 'unknownCategory') as CaseCategory | undefined
  const source = pick('source', values.source, 'unknownSource')
  const district = pick('district', values.district, 'unknownDistrict')
  const riskLevel = pick('riskLevel', values.riskLevel, 'unknownRiskLevel')
  const stage = category
    ? pick('stage', (text) => values.stageOf(category, text), 'unknownStage')
    : undefined
  // A stage given for blank cells belongs to the default category; a row of another must have
  // it too.
  if (category && stage && !values.isStageOf(category, stage)) report('stage', 'unknownStage')

  const acceptedText = cell('acceptedAt')
  const acceptedAt = acceptedText ? values.parseLedgerDate(acceptedText) : undefined
  if (acceptedText && !acceptedAt) report('acceptedAt', 'date')

  let leadMediatorId = mapping.defaults.leadMediator
  const leadText = cell('leadMediator')
  if (leadText) {
    const found = findMediator(ctx.mediators, leadText)
    if ('id' in found) leadMediatorId = found.id
    else report('leadMediator', found.rule)
  }
  const coMediatorIds: string[] = []
  for (const name of cell('coMediators')
    .split(/[、,，;；/\s]+/)
    .filter(Boolean)) {
    const found = findMediator(ctx.mediators, name)
    if ('id' in found) coMediatorIds.push(found.id)
    else report('coMediators', found.rule, name)
  }

  const parties: z.output<typeof PartyInput>[] = []
  for (const slot of PARTY_SLOTS) {
    const f = (name: string) => `party${slot}${name}` as ImportField
    const [name, roleText, idTypeText, idNumber, phone, address] = [
      'Name',
      'Role',
      'IdType',
      'IdNumber',
      'Phone',
      'Address',
    ].map((part) => cell(f(part)))
    if (![name, roleText, idTypeText, idNumber, phone, address].some(Boolean)) continue
    if (!name) report(f('Name'), 'required', null)
    const role = roleText ? values.partyRole(roleText) : slot === 1 ? 'applicant' : 'respondent'
    if (!role) report(f('Role'), 'unknownRole')
    const idType = idTypeText
      ? values.idType(idTypeText)
      : idNumber
        ? /[A-WYZ]/i.test(idNumber)
          ? 'unifiedCreditCode'
          : 'residentId'
        : undefined
    if (idTypeText && !idType) report(f('IdType'), 'unknownIdType')
    if (idType === 'residentId' && idNumber) {
      const check = ResidentId.safeParse(idNumber)
      if (!check.success) report(f('IdNumber'), check.error.issues[0]?.message ?? 'residentId')
    }
    const party = PartyInput.safeParse({
      kind: idType === 'unifiedCreditCode' ? 'organization' : 'person',
      name,
      role,
      idType,
      idNumber: idNumber || undefined,
      phone: phone || undefined,
      address: address || undefined,
      // Ledger parties applied to mediation and gave their details on the application form.
      legalBasis: 'consent',
    })
    if (party.success) parties.push(party.data)
    else {
      for (const issue of party.error.issues) {
        const key = String(issue.path[0])
        if (key === 'phone') report(f('Phone'), 'phone')
        else if (key === 'address') report(f('Address'), 'tooLong')
        else if (key === 'idNumber' && idType !== 'residentId') report(f('IdNumber'), 'tooLong')
        else if (key === 'name' && name) report(f('Name'), 'tooLong')
      }
    }
  }

  const number = cell('number') || undefined
  if (number && number.length > 60) report('number', 'tooLong')

  const input = CaseCreate.safeParse({
    source,
    summary: cell('summary'),
    district,
    street: cell('street'),
    leadMediatorId,
    coMediatorIds,
    riskLevel,
    acceptedAt,
    details: { category },
  })
  if (!input.success) {
    for (const issue of input.error.issues) {
      const field = CASE_PATHS[String(issue.path[0])]
      // Missing values were reported above, one problem each.
      if (field && issue.code === 'too_big') report(field, 'tooLong')
    }
  }
  if (!input.success && problems.length === 0)
    problems.push({ field: null, rule: 'invalid', value: null })
  if (problems.length > 0 || !input.success) return { problems }
  return { problems, registration: { input: input.data, number, stage, parties } }
}
