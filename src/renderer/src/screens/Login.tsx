import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PasswordInput } from '../components/PasswordInput'
import type { ChannelInput } from '../../../shared/contract'
import { isWellFormedRecoveryCode } from '../../../shared/recovery-code'
import { Login as LoginName, type UserSummary } from '../../../shared/schemas/account'
import { AuthLayout } from '../components/AuthLayout'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord, isConcordError } from '../concord'
import { useApplyStatus } from '../status'
import { useCountdown } from '../useCountdown'
import { monospaceInput } from '../theme'
import { unless } from '../validation'

/**
 * Unlocks the case base with a password or, when every admin password is lost, the recovery
 * code. The core throttles the two apart (a password lockout leaves the recovery code usable),
 * so each form has its own countdown.
 */
export function Login({
  idleLocked,
  onRecovered,
}: {
  idleLocked: boolean
  onRecovered: (admins: UserSummary[]) => void
}) {
  const { t } = useTranslation()
  const [mode, setMode] = useState<'password' | 'recovery'>('password')
  const passwordThrottle = useCountdown()
  const recoveryThrottle = useCountdown()
  const startOnThrottled = (countdown: ReturnType<typeof useCountdown>) => (error: Error) => {
    if (isConcordError(error, 'THROTTLED')) countdown.start(Number(error.params.seconds) || 1)
  }

  return (
    <AuthLayout>
      <Stack>
        <div>
          <Title order={2}>{t('login.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('login.subtitle')}
          </Text>
        </div>
        {idleLocked && (
          <Alert color="blue" variant="light">
            {t('lock.idleLocked')}
          </Alert>
        )}
        {mode === 'password' ? (
          <PasswordForm
            waitSeconds={passwordThrottle.remaining}
            onError={startOnThrottled(passwordThrottle)}
          />
        ) : (
          <RecoveryForm
            waitSeconds={recoveryThrottle.remaining}
            onError={startOnThrottled(recoveryThrottle)}
            onRecovered={onRecovered}
          />
        )}
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => setMode(mode === 'password' ? 'recovery' : 'password')}
        >
          {t(mode === 'password' ? 'login.useRecovery' : 'login.usePassword')}
        </Anchor>
      </Stack>
    </AuthLayout>
  )
}

interface AttemptProps {
  /** Seconds the core's throttle still refuses attempts; the submit button waits them out. */
  waitSeconds: number
  onError: (error: Error) => void
}

function AttemptError({ error, waitSeconds }: { error: unknown; waitSeconds: number }) {
  const { t } = useTranslation()
  if (waitSeconds > 0) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t('errors.THROTTLED', { seconds: waitSeconds })}
      </Alert>
    )
  }
  // A finished countdown leaves nothing to say.
  return isConcordError(error, 'THROTTLED') ? null : <ErrorAlert error={error} />
}

function PasswordForm({ waitSeconds, onError }: AttemptProps) {
  const { t } = useTranslation()
  const applyStatus = useApplyStatus()
  const passwordInput = useRef<HTMLInputElement>(null)
  const form = useForm({
    initialValues: { login: '', password: '' },
    validate: {
      login: (value) => unless(LoginName, value, t('validation.login')),
      password: (value) => (value ? null : t('validation.required')),
    },
  })
  const unlock = useMutation({
    mutationFn: (input: ChannelInput<'auth.unlock'>) => call(concord().auth.unlock(input)),
    onSuccess: applyStatus,
    onError: (error) => {
      // Ready for the next try without reaching for the mouse.
      form.setFieldValue('password', '')
      passwordInput.current?.focus()
      onError(error)
    },
  })
  return (
    <form onSubmit={form.onSubmit((values) => unlock.mutate(values))} noValidate>
      <Stack>
        <TextInput
          label={t('login.login')}
          autoFocus
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps('login')}
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          ref={passwordInput}
          {...form.getInputProps('password')}
        />
        <AttemptError error={unlock.error} waitSeconds={waitSeconds} />
        <Button type="submit" loading={unlock.isPending} disabled={waitSeconds > 0} fullWidth>
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  )
}

function RecoveryForm({
  waitSeconds,
  onError,
  onRecovered,
}: AttemptProps & { onRecovered: (admins: UserSummary[]) => void }) {
  const { t } = useTranslation()
  const form = useForm({
    initialValues: { recoveryCode: '' },
    validate: {
      recoveryCode: (value) =>
        isWellFormedRecoveryCode(value) ? null : t('validation.recoveryCode'),
    },
  })
  const unlock = useMutation({
    mutationFn: (recoveryCode: string) =>
      call(concord().auth.unlockWithRecoveryCode({ recoveryCode })),
    onSuccess: ({ admins }) => onRecovered(admins),
    onError,
  })
  return (
    <form onSubmit={form.onSubmit((values) => unlock.mutate(values.recoveryCode))} noValidate>
      <Stack>
        <TextInput
          label={t('login.recoveryCode')}
          description={t('login.recoveryHint')}
          styles={monospaceInput}
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          {...form.getInputProps('recoveryCode')}
        />
        <AttemptError error={unlock.error} waitSeconds={waitSeconds} />
        <Button type="submit" loading={unlock.isPending} disabled={waitSeconds > 0} fullWidth>
          {t('login.recoverySubmit')}
        </Button>
      </Stack>
    </form>
  )
}
