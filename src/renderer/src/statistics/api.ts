import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput, ChannelOutput } from '../../../shared/contract'
import { call, concord } from '../concord'
import { useSession } from '../status'

export type Dashboard = ChannelOutput<'stats.dashboard'>
export type DashboardInput = ChannelInput<'stats.dashboard'>
export type DrilldownInput = ChannelInput<'stats.drilldown'>
export type ServiceContract = ChannelOutput<'contracts.list'>[number]
export type ContractInput = ChannelInput<'contracts.save'>
export type FrozenReport = ChannelOutput<'reports.list'>[number]
export type FileOutput = ChannelOutput<'reports.export'>

/** What this role may do here; the core enforces the same rules (docs/statistics.md). */
export function useStatsAccess() {
  const { role } = useSession().user
  return {
    drilldown: role !== 'admin',
    contracts: role === 'supervisor' || role === 'admin' || role === 'auditor',
    editContracts: role === 'supervisor' || role === 'admin',
    reports: role === 'supervisor' || role === 'auditor',
    freeze: role === 'supervisor',
  }
}

export function useDashboard(input: DashboardInput) {
  return useQuery({
    queryKey: ['stats', 'dashboard', input],
    queryFn: () => call(concord().stats.dashboard(input)),
    placeholderData: keepPreviousData,
  })
}

export function useDrilldown(input: DrilldownInput | null) {
  return useQuery({
    queryKey: ['stats', 'drilldown', input],
    queryFn: () => call(concord().stats.drilldown(input as DrilldownInput)),
    enabled: input !== null,
  })
}

export function useContracts(enabled: boolean) {
  return useQuery({
    queryKey: ['contracts'],
    queryFn: () => call(concord().contracts.list()),
    enabled,
  })
}

export function useSaveContract() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: ContractInput) => call(concord().contracts.save(input)),
    onSuccess: (list) => {
      client.setQueryData(['contracts'], list)
      void client.invalidateQueries({ queryKey: ['stats'] })
    },
  })
}

export function useRemoveContract() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => call(concord().contracts.remove({ id })),
    onSuccess: (list) => {
      client.setQueryData(['contracts'], list)
      void client.invalidateQueries({ queryKey: ['stats'] })
    },
  })
}

export function useFrozenReports(enabled: boolean) {
  return useQuery({
    queryKey: ['reports'],
    queryFn: () => call(concord().reports.list()),
    enabled,
  })
}

export function useFreezeReport() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<'reports.freeze'>) => call(concord().reports.freeze(input)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports'] }),
  })
}

/** Hands a file the core built to the browser as a download (Chromium's, Electron's). */
export function saveFile(file: FileOutput): void {
  const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
