import { z } from 'zod'
import { CaseCategory } from '../domain/workflow/types'

export const SearchQuery = z.object({
  /** Any text; words separated by spaces must all occur in the same field or record. */
  q: z.string().trim().min(1).max(60),
  limit: z.int().min(1).max(50).default(10),
})

/** Where a result matched, best first: identifiers, then places, the summary, the records. */
export const SearchField = z.enum([
  'number',
  'party',
  'phone',
  'idNumber',
  'household',
  'address',
  'summary',
  'record',
])
export type SearchField = z.infer<typeof SearchField>

/** A stretch of the snippet to highlight: UTF-16 offsets, end exclusive. */
export const Highlight = z.object({ start: z.int().min(0), end: z.int().min(0) })
export type Highlight = z.infer<typeof Highlight>

export const SearchResult = z.object({
  caseId: z.string(),
  number: z.string(),
  category: CaseCategory,
  stage: z.string(),
  field: SearchField,
  /** The timeline entry that matched, for field 'record'. */
  entryId: z.string().nullable(),
  /**
   * The matched text around the match. Phone and ID numbers are shown masked, next to the
   * party's name, and carry no highlight: a list of matches must not spell them out.
   */
  snippet: z.string(),
  highlights: z.array(Highlight),
})
export type SearchResult = z.infer<typeof SearchResult>
