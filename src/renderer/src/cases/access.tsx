import { Alert, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useSession } from '../status'

/** Case content is for mediators and supervisors (contract: CASE_WORKERS); the core enforces it. */
export function useIsCaseWorker(): boolean {
  const { role } = useSession().user
  return role === 'mediator' || role === 'supervisor'
}

/** Who may open the case list: case workers, and the auditor (read-only, masked by the core). */
export function useCanReadCases(): boolean {
  const { role } = useSession().user
  return role === 'mediator' || role === 'supervisor' || role === 'auditor'
}

export function NotCaseWorker({ page }: { page: 'cases' | 'deadlines' }) {
  const { t } = useTranslation()
  return (
    <Stack>
      <Title order={2}>{t(`nav.${page}`)}</Title>
      <Alert color="gray" variant="light">
        {t('cases.notCaseWorker')}
      </Alert>
    </Stack>
  )
}
