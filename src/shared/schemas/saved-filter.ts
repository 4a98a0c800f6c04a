import { z } from 'zod'
import { CaseListQuery } from './case'

/**
 * A saved filter of the case list (issue 3 item 8): the list's filter and sort fields, never
 * its window (after, limit). Derived from CaseListQuery so that a new filter field is saved
 * without a change here. The list's default order applies, so a saved filter always names its
 * sort and direction. Kept per user in the encrypted case base: a search text may be a
 * party's name.
 */
export const SavedFilterQuery = CaseListQuery.omit({ after: true, limit: true }).partial()
export type SavedFilterQuery = z.infer<typeof SavedFilterQuery>

export const SavedFilterName = z.string().trim().min(1).max(40)

export const SavedFilter = z.object({
  id: z.string(),
  name: z.string(),
  query: SavedFilterQuery,
})
export type SavedFilter = z.infer<typeof SavedFilter>

export const SavedFilterSave = z.object({ name: SavedFilterName, query: SavedFilterQuery })
