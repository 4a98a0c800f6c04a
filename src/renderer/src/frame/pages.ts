import { useMemo, useSyncExternalStore } from 'react'
import type { Role } from '../../../shared/schemas/account'

export const PAGES = [
  'cases',
  'deadlines',
  'statistics',
  'backup',
  'privacy',
  'audit',
  'accounts',
  'settings',
] as const
export type Page = (typeof PAGES)[number]

/**
 * Whom each page is for. The navigation shows only these, so nobody is offered a page that
 * only says no; the core still refuses every call on its own (contract access rules).
 */
export const PAGE_ROLES: Record<Page, readonly Role[]> = {
  cases: ['mediator', 'supervisor', 'auditor'],
  deadlines: ['mediator', 'supervisor'],
  statistics: ['admin', 'supervisor', 'mediator', 'auditor'],
  backup: ['admin'],
  privacy: ['admin', 'supervisor'],
  audit: ['admin', 'supervisor'],
  accounts: ['admin'],
  settings: ['admin', 'supervisor', 'mediator', 'auditor'],
}

export const pagesFor = (role: Role): Page[] => PAGES.filter((p) => PAGE_ROLES[p].includes(role))

const isPage = (name: string): name is Page => (PAGES as readonly string[]).includes(name)

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const currentHash = () => window.location.hash

/**
 * The location hash as a route: `#/cases/<id>?tab=parties` → page 'cases', path [<id>],
 * params tab=parties. Filters and the open case live here, so reload and back keep them.
 */
export interface Route {
  readonly page: Page
  readonly path: readonly string[]
  readonly params: URLSearchParams
}

export function parseRoute(hash: string): Route {
  const [pathPart = '', query = ''] = hash.replace(/^#\/?/, '').split('?')
  const [name = '', ...path] = pathPart.split('/').filter(Boolean).map(decodeURIComponent)
  return { page: isPage(name) ? name : 'cases', path, params: new URLSearchParams(query) }
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash)
  return useMemo(() => parseRoute(hash), [hash])
}

/** The page is the location hash (#/settings), so navigation items are real links. */
export function useCurrentPage(): Page {
  return useRoute().page
}

export function routeHref(page: Page, path: readonly string[] = [], params?: URLSearchParams) {
  const query = params?.toString()
  return `#/${[page, ...path.map(encodeURIComponent)].join('/')}${query ? `?${query}` : ''}`
}

export const pageHref = (page: Page) => routeHref(page)

/** `replace` for changes that refine the same view (filters): Back skips them. */
export function navigate(href: string, { replace = false } = {}): void {
  if (replace) window.location.replace(href)
  else window.location.hash = href
}

export function forgetPage(): void {
  window.history.replaceState(null, '', window.location.pathname + window.location.search)
}
