import { useSyncExternalStore } from 'react'

export const PAGES = ['cases', 'deadlines', 'statistics', 'backup', 'settings'] as const
export type Page = (typeof PAGES)[number]

const isPage = (name: string): name is Page => (PAGES as readonly string[]).includes(name)

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

function currentPage(): Page {
  const name = window.location.hash.replace(/^#\/?/, '')
  return isPage(name) ? name : 'cases'
}

/** The page is the location hash (#/settings), so navigation items are real links. */
export function useCurrentPage(): Page {
  return useSyncExternalStore(subscribe, currentPage)
}

export const pageHref = (page: Page) => `#/${page}`

export function forgetPage(): void {
  window.history.replaceState(null, '', window.location.pathname + window.location.search)
}
