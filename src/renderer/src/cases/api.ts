import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
} from '@tanstack/react-query'
import type { CaseWrite, ChannelInput, ChannelOutput } from '../../../shared/contract'
import { call, concord, invoke } from '../concord'

export type CaseFile = ChannelOutput<'cases.get'>
export type CaseSummary = ChannelOutput<'cases.list'>['rows'][number]
export type UserPick = ChannelOutput<'users.list'>[number]
/** The list's query without its window: what the filters and sorting decide. */
export type CaseFilter = Omit<ChannelInput<'cases.list'>, 'after' | 'limit'>

const CASES_KEY = ['cases'] as const
const DEADLINES_KEY = ['deadlines'] as const
export const caseKey = (caseId: string) => ['case', caseId] as const

/** Rows fetched per request: a few screens' worth, so scrolling rarely waits. */
const PAGE_SIZE = 100

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => call(concord().users.list()) })
}

/** Mediators and supervisors: the people a case can be assigned to. */
export function useCaseWorkers(): UserPick[] {
  const users = useUsers()
  return (users.data ?? []).filter((u) => u.role === 'mediator' || u.role === 'supervisor')
}

export function useCaseList(filter: CaseFilter) {
  return useInfiniteQuery({
    queryKey: [...CASES_KEY, filter],
    // Keyset pages: each answer says where the next one starts.
    queryFn: ({ pageParam }) =>
      call(concord().cases.list({ ...filter, after: pageParam, limit: PAGE_SIZE })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  })
}

export function useCase(caseId: string) {
  return useQuery({
    queryKey: caseKey(caseId),
    queryFn: () => call(concord().cases.get({ caseId })),
  })
}

export function useDeadlineBoard() {
  return useQuery({
    queryKey: DEADLINES_KEY,
    queryFn: () => call(concord().deadlines.board()),
  })
}

export function useCreateCase() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<'cases.create'>) => call(concord().cases.create(input)),
    onSuccess: (created) => {
      client.setQueryData(caseKey(created.id), created)
      void client.invalidateQueries({ queryKey: CASES_KEY })
      void client.invalidateQueries({ queryKey: DEADLINES_KEY })
    },
  })
}

export type CaseWriteInput<C extends CaseWrite> = Omit<ChannelInput<C>, 'caseId' | 'version'>
export type CaseWriteMutation<C extends CaseWrite> = UseMutationResult<
  CaseFile,
  Error,
  CaseWriteInput<C>
>

/**
 * A write against the version of the file on screen. A stale version comes back as CONFLICT
 * and nothing is applied; the form keeps its values so the user can reload and send again.
 */
export function useCaseWrite<C extends CaseWrite>(
  file: CaseFile,
  channel: C,
): CaseWriteMutation<C> {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: CaseWriteInput<C>) =>
      invoke(channel, {
        ...input,
        caseId: file.id,
        version: file.version,
      } as ChannelInput<C>) as Promise<CaseFile>,
    onSuccess: (updated) => {
      client.setQueryData(caseKey(updated.id), updated)
      void client.invalidateQueries({ queryKey: CASES_KEY })
      void client.invalidateQueries({ queryKey: DEADLINES_KEY })
    },
  })
}

export function useReloadCase(caseId: string): () => Promise<void> {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: caseKey(caseId) })
}
