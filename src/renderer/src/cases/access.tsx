import { useSession } from '../status'

/** Case content is for mediators and supervisors (contract: CASE_WORKERS); the core enforces it. */
export function useIsCaseWorker(): boolean {
  const { role } = useSession().user
  return role === 'mediator' || role === 'supervisor'
}
