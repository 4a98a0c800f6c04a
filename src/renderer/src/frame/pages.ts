import { useMemo, useSyncExternalStore } from 'react'

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
