import { useRoute } from '../frame/pages'
import { NotCaseWorker, useIsCaseWorker } from './access'
import { CasePage } from '../caseFile/CasePage'
import { CaseList } from './CaseList'
import { NewCaseWizard } from './NewCaseWizard'

/** #/cases, #/cases/new and #/cases/<id>. */
export function CasesPage() {
  const [id] = useRoute().path
  const caseWorker = useIsCaseWorker()
  if (!caseWorker) return <NotCaseWorker page="cases" />
  if (id === 'new') return <NewCaseWizard />
  return id ? <CasePage key={id} caseId={id} /> : <CaseList />
}
