import { CaseListQuery } from '../../../shared/schemas/case'
import type { CaseFilter } from './api'

/**
 * The list's filters as URL parameters (#/cases?category=family&overdue=1), so that a filtered
 * list survives reload and Back. (Saved filters live in the encrypted case base, per user:
 * see SavedFilters.tsx.) Each parameter is
 * parsed by the contract's own schema; one that does not parse is dropped, not sent.
 */
const PARAMS = {
  category: 'category',
  stage: 'stage',
  mediatorId: 'mediator',
  district: 'district',
  riskLevel: 'risk',
  acceptedFrom: 'from',
  acceptedTo: 'to',
  text: 'q',
  sort: 'sort',
  direction: 'dir',
} as const satisfies Partial<Record<keyof CaseFilter, string>>

type TextKey = keyof typeof PARAMS

export function filterFromParams(params: URLSearchParams): CaseFilter {
  const filter: Record<string, unknown> = {}
  for (const [key, name] of Object.entries(PARAMS) as [TextKey, string][]) {
    const raw = params.get(name)
    if (raw === null || raw === '') continue
    const parsed = CaseListQuery.shape[key].safeParse(raw)
    if (parsed.success) filter[key] = parsed.data
  }
  if (params.get('overdue') === '1') filter.overdue = true
  return CaseListQuery.omit({ after: true, limit: true }).parse(filter)
}

export function paramsFromFilter(filter: Partial<CaseFilter>): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, name] of Object.entries(PARAMS) as [TextKey, string][]) {
    const value = filter[key]
    if (value !== undefined && value !== '') params.set(name, String(value))
  }
  if (filter.overdue) params.set('overdue', '1')
  // The defaults need no parameter: a plain #/cases is the default list.
  if (params.get('sort') === 'acceptedAt') params.delete('sort')
  if (params.get('dir') === 'desc') params.delete('dir')
  return params
}
