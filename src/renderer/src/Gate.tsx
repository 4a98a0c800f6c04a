import { Alert, Button, Center, Loader, Stack, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useEffect, useLayoutEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../shared/schemas/account'
import { AuthLayout } from './components/AuthLayout'
import { call, concord } from './concord'
import { describeError } from './describeError'
import { AppFrame } from './frame/AppFrame'
import { Login } from './screens/Login'
import { ResetAdminPassword } from './screens/ResetAdminPassword'
import { Setup } from './screens/Setup'
import { useApplyStatus, useRefetchStatus, useStatus, type Status } from './status'

/** Picks the screen from the core's state; the core, not the UI, decides who is signed in. */
export function Gate() {
  const { t, i18n } = useTranslation()
  const status = useStatus()
  const applyStatus = useApplyStatus()
  const refetchStatus = useRefetchStatus()
  const state = status.data?.state
  const language = status.data?.language

  // Admins offered after a recovery-code unlock; only this window ever learns them.
  const [admins, setAdmins] = useState<UserSummary[] | null>(null)
  const [lockedByHand, setLockedByHand] = useState(false)
  const [idleLocked, setIdleLocked] = useState(false)
  const [previousState, setPreviousState] = useState<Status['state'] | undefined>(state)
  if (state !== previousState) {
    setPreviousState(state)
    // A lock nobody asked for here came from an idle timer (ours or the core's).
    if (previousState === 'unlocked' && state === 'locked') setIdleLocked(!lockedByHand)
    if (state === 'unlocked') {
      setIdleLocked(false)
      setLockedByHand(false)
    }
    if (state !== 'recovery') setAdmins(null)
  }

  useLayoutEffect(() => {
    if (language && language !== i18n.language) void i18n.changeLanguage(language)
  }, [language, i18n])

  const lock = useMutation({
    mutationFn: () => call(concord().auth.lock()),
    onSuccess: applyStatus,
  })
  const lockByHand = () => {
    setLockedByHand(true)
    lock.mutate()
  }

  // A recovery session whose admin list this window never saw (e.g. after a reload) is useless.
  const strandedInRecovery = state === 'recovery' && admins === null
  const { mutate: relock } = lock
  useEffect(() => {
    if (strandedInRecovery) relock()
  }, [strandedInRecovery, relock])

  if (status.isError) {
    return (
      <AuthLayout>
        <Stack>
          <Title order={2}>{t('fatal.title')}</Title>
          <Alert color="red" variant="light" role="alert">
            {describeError(status.error, t)}
          </Alert>
          <Button onClick={() => void status.refetch()} loading={status.isFetching}>
            {t('common.retry')}
          </Button>
        </Stack>
      </AuthLayout>
    )
  }
  switch (state) {
    case 'uninitialized':
      return <Setup />
    case 'locked':
      return (
        <Login
          idleLocked={idleLocked}
          onRecovered={(list) => {
            setAdmins(list)
            void refetchStatus()
          }}
        />
      )
    case 'recovery':
      if (admins) return <ResetAdminPassword admins={admins} onCancel={lockByHand} />
      break
    case 'unlocked':
      return <AppFrame onLock={(byHand) => (byHand ? lockByHand() : lock.mutate())} />
  }
  return (
    <Center mih="100vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  )
}
