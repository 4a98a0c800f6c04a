import {
  MutationCache,
  QueryCache,
  QueryClient,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { ChannelOutput } from '../../shared/contract'
import { call, concord, isConcordError } from './concord'

export type Status = ChannelOutput<'app.status'>
export type Session = NonNullable<Status['session']>

const STATUS_KEY = ['status'] as const

/** How often an unlocked UI asks (passively) whether the core locked itself on its idle timer. */
const UNLOCKED_POLL_MS = 30_000

export function createQueryClient(): QueryClient {
  // Any refusal for want of a session means the core is locked: status routes back to login.
  const onError = (error: unknown) => {
    if (isConcordError(error, 'NOT_AUTHENTICATED')) {
      void client.invalidateQueries({ queryKey: STATUS_KEY })
    }
  }
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    // Domain refusals are answers, not transient failures: never retry them.
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  // Case data read while unlocked must not outlive the session in the cache.
  client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryKey[0] !== STATUS_KEY[0]) return
    const status = event.query.state.data as Status | undefined
    if (status && status.state !== 'unlocked') {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== STATUS_KEY[0] })
    }
  })
  return client
}

export function useStatus() {
  return useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => call(concord().app.status()),
    refetchInterval: (query) => (query.state.data?.state === 'unlocked' ? UNLOCKED_POLL_MS : false),
  })
}

/** Most auth calls answer with the new status; this puts it where every screen reads it. */
export function useApplyStatus(): (status: Status) => void {
  const client = useQueryClient()
  return (status) => client.setQueryData(STATUS_KEY, status)
}

export function useRefetchStatus(): () => Promise<void> {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: STATUS_KEY })
}

/** The session of an unlocked status; only rendered below the Frame, where it always exists. */
export function useSession(): Session {
  const { data } = useStatus()
  if (!data?.session) throw new Error('useSession outside an unlocked session')
  return data.session
}
