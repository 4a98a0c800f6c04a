import { z } from 'zod'
import { FileName } from '../attachments'

/**
 * Importing an existing case ledger (台账), issue 5 item 5: a supervisor uploads an Excel or
 * CSV file once, maps its columns to these fields, runs a dry run that lists every row's
 * problems, and commits all rows or none. Shared by the core (which enforces) and the renderer
 * (which pre-checks size and shows the limits).
 */
const MB = 1024 * 1024

export const LEDGER_MAX_MB = 20
export const LEDGER_MAX_BYTES = LEDGER_MAX_MB * MB
/** Data rows below the header row; a year's ledger of a large organization has a few thousand. */
export const LEDGER_MAX_ROWS = 20_000
/** Rows the dry run checks per request, so the progress bar moves and the core stays shared. */
export const LEDGER_CHECK_CHUNK = 1000
/** The header row is looked for, and may be chosen, among the sheet's first rows. */
export const LEDGER_HEADER_ROWS = 10
export const LEDGER_PREVIEW_ROWS = 12
export const LEDGER_MAX_COLUMNS = 200
export const LEDGER_EXTENSIONS = ['xlsx', 'csv'] as const

/** Two parties per row: a ledger names the applicant (申请人) and the respondent (被申请人). */
export const PARTY_SLOTS = [1, 2] as const
const partyFields = (n: 1 | 2) =>
  [
    `party${n}Name`,
    `party${n}Role`,
    `party${n}IdType`,
    `party${n}IdNumber`,
    `party${n}Phone`,
    `party${n}Address`,
  ] as const

/** The case fields a ledger column can fill, in the order the mapping step lists them. */
export const ImportField = z.enum([
  'number',
  'category',
  'stage',
  'acceptedAt',
  'source',
  'district',
  'street',
  'summary',
  'leadMediator',
  'coMediators',
  'riskLevel',
  ...partyFields(1),
  ...partyFields(2),
])
export type ImportField = z.infer<typeof ImportField>

/** Fields a case cannot do without; each needs a column or a value for every row. */
export const REQUIRED_FIELDS: readonly ImportField[] = [
  'category',
  'acceptedAt',
  'source',
  'district',
  'summary',
  'leadMediator',
  'riskLevel',
]

/**
 * Fields whose value is one of a list: the mapping may give one value for rows whose cell is
 * empty (a ledger kept per category has no category column; most ledgers have no risk level).
 */
export const DefaultableField = z.enum([
  'category',
  'stage',
  'source',
  'district',
  'riskLevel',
  'leadMediator',
])
export type DefaultableField = z.infer<typeof DefaultableField>

const ColumnIndex = z
  .int()
  .min(0)
  .max(LEDGER_MAX_COLUMNS - 1)
const HeaderRow = z.int().min(1).max(LEDGER_HEADER_ROWS)
const SheetName = z.string().min(1).max(100)
/** A default is the stored id (category, district …) or, for the mediator, a user id. */
const DefaultValue = z.string().min(1).max(64)

/** Which column (0-based) fills which field, for one sheet of the uploaded file. */
export const ImportMapping = z.object({
  sheet: SheetName,
  headerRow: HeaderRow,
  columns: z.partialRecord(ImportField, ColumnIndex),
  defaults: z.partialRecord(DefaultableField, DefaultValue),
})
export type ImportMapping = z.infer<typeof ImportMapping>

/** A mapping kept for next time: columns by their header text, which survives reordering. */
export const SavedImportMapping = z.object({
  id: z.string(),
  name: z.string(),
  headerRow: HeaderRow,
  columns: z.partialRecord(ImportField, z.string().max(200)),
  defaults: z.partialRecord(DefaultableField, DefaultValue),
  updatedAt: z.string(),
})
export type SavedImportMapping = z.infer<typeof SavedImportMapping>

/** Bytes as IPC's structured clone carries them, refused above the limit before the handler. */
const LedgerBytes = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes')
  .refine((bytes) => bytes.byteLength > 0, 'ledgerEmpty')
  .refine((bytes) => bytes.byteLength <= LEDGER_MAX_BYTES + MB, 'ledgerTooLarge')

export const ImportOpenInput = z.object({ fileName: FileName, bytes: LedgerBytes })

export const ImportSheet = z.object({
  name: z.string(),
  /** Data rows below the suggested header row. */
  rowCount: z.int(),
  /** The first rows as the user sees them (cell text), to pick the header row and check. */
  preview: z.array(z.object({ row: z.int(), cells: z.array(z.string()) })),
  /** For each row that may be the header: the columns its texts name and the rows below it. */
  headerRows: z.array(
    z.object({
      row: z.int(),
      columns: z.partialRecord(ImportField, ColumnIndex),
      rowCount: z.int(),
    }),
  ),
})

export const ImportOpenOutput = z.object({
  importId: z.string(),
  fileName: z.string(),
  /** 'utf-8' or 'gb18030' for CSV files (told to the user), null for Excel workbooks. */
  encoding: z.string().nullable(),
  sheets: z.array(ImportSheet),
  suggested: ImportMapping,
  /** The name of the saved mapping the suggestion came from, if one fitted this file. */
  suggestedFrom: z.string().nullable(),
  saved: z.array(SavedImportMapping),
})
export type ImportOpenOutput = z.infer<typeof ImportOpenOutput>

export const ImportCheckInput = z.object({
  importId: z.string().max(64),
  mapping: ImportMapping,
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(LEDGER_CHECK_CHUNK).default(LEDGER_CHECK_CHUNK),
})

/**
 * One thing wrong in one row: the row number the user sees in Excel, the field, the rule
 * (ledgerImport.problem.<rule>) and the cell's text, so the user can find it in the file.
 */
export const ImportProblem = z.object({
  row: z.int(),
  field: ImportField.nullable(),
  rule: z.string(),
  value: z.string().nullable(),
  /** For duplicates within the file: the row the same case number appeared on first. */
  otherRow: z.int().nullable(),
})
export type ImportProblem = z.infer<typeof ImportProblem>

export const ImportCheckOutput = z.object({
  total: z.int(),
  /** Rows checked so far, including this chunk; the dry run is done when it equals total. */
  checked: z.int(),
  problems: z.array(ImportProblem),
})

export const ImportCommitInput = z.object({ importId: z.string().max(64), mapping: ImportMapping })
export const ImportCommitOutput = z.object({ created: z.int() })

export const ImportMappingName = z.string().trim().min(1).max(40)
export const ImportSaveMappingInput = z.object({
  name: ImportMappingName,
  importId: z.string().max(64),
  mapping: ImportMapping,
})
