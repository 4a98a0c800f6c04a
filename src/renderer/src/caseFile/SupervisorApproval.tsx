import { Select } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../cases/api'
import { userOptions } from '../cases/options'
import { PasswordInput } from '../components/PasswordInput'
import { useSession } from '../status'

/**
 * A supervisor's signed approval at the mediator's desk (closing a case, extending a period):
 * the supervisor picks their own account and types their own password, which the core checks
 * against their key slot. `approval` is what the request carries once both are filled in.
 */
export function useSupervisorApproval(texts: 'caseFile' | 'clocks', error?: string) {
  const { t } = useTranslation()
  const { user } = useSession()
  const users = useUsers()
  const [approverId, setApproverId] = useState<string | null>(null)
  const [password, setPassword] = useState('')
  const supervisors = (users.data ?? []).filter((u) => u.role === 'supervisor' && u.id !== user.id)
  const approval = approverId && password ? { userId: approverId, password } : undefined
  const fields = (
    <>
      <Select
        label={t(`${texts}.approver`)}
        description={t(`${texts}.approverHint`)}
        required
        data={userOptions(supervisors)}
        value={approverId}
        error={error}
        onChange={setApproverId}
        nothingFoundMessage={t('caseFile.noSupervisors')}
      />
      <PasswordInput
        label={t(`${texts}.approverPassword`)}
        required
        autoComplete="off"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
    </>
  )
  return { approverChosen: approverId !== null, approval, fields }
}
