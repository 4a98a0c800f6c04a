import { useRoute } from '../frame/pages'
import { useIsCaseWorker } from './access'
import { CasePage } from '../caseFile/CasePage'
import { CaseList } from './CaseList'
import { NewCaseWizard } from './NewCaseWizard'

/** #/cases, #/cases/new and #/cases/<id>. */
export function CasesPage() {
  const [id] = useRoute().path
  const caseWorker = useIsCaseWorker()
  if (id === 'new' && caseWorker) return <NewCaseWizard />
  return id ? <CasePage key={id} caseId={id} /> : <CaseList />
}
