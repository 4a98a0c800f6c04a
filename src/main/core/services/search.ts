import { requireUser } from '../cases/access'
import type { Handlers } from '../handlers'
import { rebuildSearch } from '../search/index'
import { searchCases } from '../search/query'

export const searchHandlers = {
  async 'search.query'({ q, limit }, ctx) {
    return searchCases(ctx.vault.caseBase().db, requireUser(ctx), q, limit)
  },

  /** Rebuilds the index and the deadline columns from the case tables, in one transaction. */
  async 'search.rebuild'(_input, ctx) {
    requireUser(ctx)
    return { cases: await rebuildSearch(ctx.vault.caseBase().db) }
  },
} satisfies Partial<Handlers>
