import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { CaseCategory } from '../../../shared/domain/workflow/types'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { CaseSource, District, RiskLevel } from '../../../shared/schemas/case'
import {
  LEDGER_HEADER_ROWS,
  LEDGER_MAX_ROWS,
  LEDGER_PREVIEW_ROWS,
  SavedImportMapping,
  type ImportMapping,
  type ImportProblem,
} from '../../../shared/schemas/ledger-import'
import { chinaDateTime } from '../cases/clocks'
import { requireUser } from '../cases/access'
import { registerCase } from '../cases/register'
import { appendAudit } from '../audit/record'
import { reindexCases } from '../search/index'
import type { CoreContext } from '../context'
import type { Database } from '../db/schema'
import { CoreError } from '../errors'
import type { Handlers } from '../handlers'
import { readLedger, type LedgerFile, type LedgerRow } from '../import/ledger-file'
import {
  columnsFor,
  dataRows,
  interpretRow,
  suggestMapping,
  toSaved,
  type Mediator,
} from '../import/ledger-rows'
import { partyColumns } from './parties'

/**
 * A file being imported: parsed once by import.open and held in the core's memory for the
 * dry run (in chunks, so the window shows progress) and the commit. Keyed by the open case
 * base, so locking drops it with the database handle; opening another file replaces it.
 */
interface ImportSession {
  id: string
  userId: string
  fileName: string
  file: LedgerFile
}
const sessions = new WeakMap<object, ImportSession>()

function sessionOf(ctx: CoreContext, importId: string): ImportSession {
  const user = requireUser(ctx)
  const session = sessions.get(ctx.vault.caseBase())
  if (!session || session.id !== importId || session.userId !== user.id) {
    throw new CoreError('IMPORT_EXPIRED')
  }
  return session
}

const SavedColumns = SavedImportMapping.omit({ id: true, name: true, updatedAt: true })

async function savedMappings(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('importMapping')
    .select(['id', 'name', 'mapping', 'updatedAt'])
    .orderBy('name')
    .execute()
  return rows.flatMap((row) => {
    // A mapping a later version cannot read is left out rather than breaking the import.
    const parsed = SavedColumns.safeParse(JSON.parse(row.mapping))
    return parsed.success
      ? [{ ...parsed.data, id: row.id, name: row.name, updatedAt: row.updatedAt }]
      : []
  })
}

async function mediatorsOf(db: Kysely<Database>): Promise<Mediator[]> {
  return db
    .selectFrom('user')
    .select(['id', 'login', 'displayName'])
    .where('disabledAt', 'is', null)
    .where('role', 'in', ['mediator', 'supervisor'])
    .execute()
}

const DEFAULT_VALUES = {
  category: CaseCategory,
  source: CaseSource,
  district: District,
  riskLevel: RiskLevel,
} as const

/**
 * The sheet the mapping names and its data rows. Default values are ids the mapping step
 * offered; one that is not (a stage of another category, a disabled mediator) is refused.
 */
function rowsFor(session: ImportSession, mapping: ImportMapping, mediators: Mediator[]) {
  const sheet = session.file.sheets.find((s) => s.name === mapping.sheet)
  if (!sheet)
    throw new CoreError('VALIDATION', undefined, [{ path: 'mapping.sheet', rule: 'unknownSheet' }])
  const fields: { path: string; rule: string }[] = []
  for (const [field, schema] of Object.entries(DEFAULT_VALUES)) {
    const value = mapping.defaults[field as keyof typeof DEFAULT_VALUES]
    if (value !== undefined && !(schema as z.ZodType).safeParse(value).success) {
      fields.push({ path: `mapping.defaults.${field}`, rule: 'unknownValue' })
    }
  }
  const { leadMediator, stage, category } = mapping.defaults
  if (leadMediator !== undefined && !mediators.some((m) => m.id === leadMediator)) {
    fields.push({ path: 'mapping.defaults.leadMediator', rule: 'unknownValue' })
  }
  const categoryOk = CaseCategory.safeParse(category)
  if (
    stage !== undefined &&
    !(categoryOk.success && WORKFLOWS[categoryOk.data].stages.some((s) => s.id === stage))
  ) {
    fields.push({ path: 'mapping.defaults.stage', rule: 'unknownValue' })
  }
  if (fields.length > 0) throw new CoreError('VALIDATION', undefined, fields)
  const rows = dataRows(sheet, mapping.headerRow)
  if (rows.length > LEDGER_MAX_ROWS) {
    throw new CoreError('IMPORT_TOO_MANY_ROWS', { maxRows: LEDGER_MAX_ROWS })
  }
  return { sheet, rows }
}

const numberOf = (row: LedgerRow, mapping: ImportMapping) => {
  const index = mapping.columns.number
  return index === undefined ? '' : (row.cells[index] ?? '').trim()
}

/** The first row each case number appears on in the file. */
function firstRows(rows: readonly LedgerRow[], mapping: ImportMapping): Map<string, number> {
  const first = new Map<string, number>()
  for (const row of rows) {
    const number = numberOf(row, mapping)
    if (number && !first.has(number)) first.set(number, row.number)
  }
  return first
}

async function existingNumbers(db: Kysely<Database>, numbers: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db
      .selectFrom('case')
      .select('number')
      .where('number', 'in', numbers.slice(i, i + 500))
      .execute()
    for (const row of rows) found.add(row.number)
  }
  return found
}

/** Problems of a row that need the whole file and the case base: duplicate case numbers. */
function duplicateProblems(
  row: LedgerRow,
  number: string,
  first: Map<string, number>,
  existing: Set<string>,
): ImportProblem[] {
  if (!number) return []
  const problem = { row: row.number, field: 'number' as const, value: number.slice(0, 100) }
  const firstRow = first.get(number)
  if (firstRow !== undefined && firstRow !== row.number) {
    return [{ ...problem, rule: 'duplicateInFile', otherRow: firstRow }]
  }
  return existing.has(number) ? [{ ...problem, rule: 'duplicateInCaseBase', otherRow: null }] : []
}

/**
 * Where each imported case came from: a timeline note in the organization's language and an
 * audit entry per case. The entry names the file and row, not the case's content: the full
 * snapshot cases.create records costs a case-file load per case, too slow for thousands.
 */
async function recordImported(
  ctx: CoreContext,
  trx: Kysely<Database>,
  fileName: string,
  imported: readonly { caseId: string; row: number }[],
  at: Date,
): Promise<void> {
  const user = requireUser(ctx)
  const now = at.toISOString()
  const occurredAt = chinaDateTime(at)
  for (const { caseId, row } of imported) {
    await trx
      .insertInto('timelineEntry')
      .values({
        id: randomUUID(),
        caseId,
        kind: 'note',
        occurredAt,
        place: null,
        attendees: '[]',
        restricted: 0,
        body: ctx.i18n.t('ledgerImport.timelineNote', { file: fileName, row }),
        transitionId: null,
        authorId: user.id,
        createdAt: now,
      })
      .execute()
    await appendAudit(trx, {
      userId: user.id,
      action: 'import.commit',
      caseId,
      changes: [{ path: 'ledger', before: '', after: `${fileName}#${row}` }],
      at: now,
    })
  }
  if (ctx.audit) ctx.audit.recorded = true
}

export const ledgerImportHandlers = {
  /**
   * Reads the uploaded file (size, type and row limits checked) and keeps its rows for this
   * session; answers with its sheets, a preview of the first rows, the suggested mapping and
   * the organization's saved mappings.
   */
  async 'import.open'({ fileName, bytes }, ctx) {
    const user = requireUser(ctx)
    const caseBase = ctx.vault.caseBase()
    sessions.delete(caseBase)
    const file = await readLedger(fileName, bytes)
    const saved = await savedMappings(caseBase.db)
    const { mapping, from } = suggestMapping(file.sheets, saved)
    const session: ImportSession = { id: randomUUID(), userId: user.id, fileName, file }
    sessions.set(caseBase, session)
    return {
      importId: session.id,
      fileName,
      encoding: file.encoding,
      sheets: file.sheets.map((sheet) => ({
        name: sheet.name,
        rowCount: dataRows(sheet, sheet.name === mapping.sheet ? mapping.headerRow : 1).length,
        preview: sheet.rows
          .slice(0, LEDGER_PREVIEW_ROWS)
          .map((row) => ({ row: row.number, cells: row.cells })),
        headerRows: sheet.rows
          .filter((row) => row.number <= LEDGER_HEADER_ROWS)
          .map((row) => ({
            row: row.number,
            columns: columnsFor(row.cells),
            rowCount: dataRows(sheet, row.number).length,
          })),
      })),
      suggested: mapping,
      suggestedFrom: from,
      saved,
    }
  },

  /** The dry run of rows [offset, offset + limit): every problem, with Excel row numbers. */
  async 'import.check'({ importId, mapping, offset, limit }, ctx) {
    const session = sessionOf(ctx, importId)
    const { db } = ctx.vault.caseBase()
    const mediators = await mediatorsOf(db)
    const { rows } = rowsFor(session, mapping, mediators)
    const first = firstRows(rows, mapping)
    const chunk = rows.slice(offset, offset + limit)
    const existing = await existingNumbers(
      db,
      chunk.map((row) => numberOf(row, mapping)).filter(Boolean),
    )
    const problems = chunk.flatMap((row) => [
      ...interpretRow(row, mapping, { mediators }).problems.map((p) => ({
        ...p,
        row: row.number,
        otherRow: null,
      })),
      ...duplicateProblems(row, numberOf(row, mapping), first, existing),
    ])
    return { total: rows.length, checked: Math.min(offset + limit, rows.length), problems }
  },

  /**
   * Registers every row's case in one transaction, through the same registerCase as
   * cases.create, or none: a row with a problem (found again here, not trusted from the dry
   * run) rolls back all rows before it. Rows with their own case number go first, so the
   * numbers allocated to the others continue after them. Each case gets a timeline note and
   * an audit entry naming the ledger row it came from, and its search terms.
   */
  async 'import.commit'({ importId, mapping }, ctx) {
    const session = sessionOf(ctx, importId)
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const at = ctx.now()
    const now = at.toISOString()
    const mediators = await mediatorsOf(db)
    const { rows } = rowsFor(session, mapping, mediators)
    const first = firstRows(rows, mapping)
    const created = await db.transaction().execute(async (trx) => {
      const imported: { caseId: string; row: number }[] = []
      const later: (() => Promise<void>)[] = []
      let problems = 0
      const existing = await existingNumbers(trx, [...first.keys()])
      for (const row of rows) {
        const number = numberOf(row, mapping)
        const { registration, problems: found } = interpretRow(row, mapping, { mediators })
        problems += found.length + duplicateProblems(row, number, first, existing).length
        if (problems > 0 || !registration) continue
        const register = async () => {
          const caseId = await registerCase(trx, user, registration, at)
          for (const party of registration.parties) {
            await trx
              .insertInto('party')
              .values({
                id: randomUUID(),
                caseId,
                ...(await partyColumns(trx, caseId, party)),
                createdAt: now,
                updatedAt: now,
              })
              .execute()
          }
          imported.push({ caseId, row: row.number })
        }
        if (registration.number === undefined) later.push(register)
        else await register()
      }
      if (problems > 0) throw new CoreError('IMPORT_HAS_PROBLEMS', { count: problems })
      for (const register of later) await register()
      await recordImported(ctx, trx, session.fileName, imported, at)
      await reindexCases(
        trx,
        imported.map((c) => c.caseId),
      )
      return imported.length
    })
    sessions.delete(ctx.vault.caseBase())
    return { created }
  },

  /** Keeps the mapping under its name for the next ledger, replacing one of that name. */
  async 'import.saveMapping'({ name, importId, mapping }, ctx) {
    const session = sessionOf(ctx, importId)
    const user = requireUser(ctx)
    const { db } = ctx.vault.caseBase()
    const { sheet } = rowsFor(session, mapping, await mediatorsOf(db))
    const json = JSON.stringify(SavedColumns.parse(toSaved(mapping, sheet)))
    const updatedAt = ctx.now().toISOString()
    await db
      .insertInto('importMapping')
      .values({ id: randomUUID(), name, mapping: json, updatedBy: user.id, updatedAt })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ mapping: json, updatedBy: user.id, updatedAt }),
      )
      .execute()
    return savedMappings(db)
  },

  /** Drops the file's rows from memory (the dialog was closed). */
  async 'import.discard'(_input, ctx) {
    sessions.delete(ctx.vault.caseBase())
    return null
  },
} satisfies Partial<Handlers>
