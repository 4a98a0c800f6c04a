import {
  Alert,
  Button,
  Checkbox,
  Group,
  Radio,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput } from '../../../shared/contract'
import { RECOVERY_GROUP_LENGTH, normalizeRecoveryCode } from '../../../shared/recovery-code'
import { DisplayName, Login } from '../../../shared/schemas/account'
import { OrgCapacity, OrgName } from '../../../shared/schemas/organization'
import { AuthLayout } from '../components/AuthLayout'
import { ErrorAlert } from '../components/ErrorAlert'
import { newPasswordErrors, PasswordFields } from '../components/PasswordFields'
import { RecoveryCode } from '../components/RecoveryCode'
import { call, concord, isConcordError } from '../concord'
import { useApplyStatus } from '../status'
import { monospaceInput } from '../theme'
import { unless } from '../validation'

type SetupInput = ChannelInput<'setup.begin'>

interface SetupValues {
  orgName: string
  orgCapacity: OrgCapacity
  displayName: string
  login: string
  password: string
  repeat: string
}

const STEP = { org: 0, admin: 1, recovery: 2 } as const

/**
 * First run: organization, administrator, then the recovery code. Nothing is written until
 * the user has re-typed two groups of the code (setup.complete), so leaving half-way is safe.
 */
export function Setup() {
  const { t } = useTranslation()
  const [active, setActive] = useState<number>(STEP.org)
  const form = useForm<SetupValues>({
    initialValues: {
      orgName: '',
      orgCapacity: 'people_mediation_committee',
      displayName: '',
      login: '',
      password: '',
      repeat: '',
    },
    validate: {
      orgName: (value) => unless(OrgName, value, t('validation.orgName')),
      displayName: (value) => unless(DisplayName, value, t('validation.displayName')),
      login: (value) => unless(Login, value, t('validation.login')),
      password: (value, values) =>
        newPasswordErrors(t, value, values.repeat, values.login).password,
      repeat: (value, values) => newPasswordErrors(t, values.password, value, values.login).repeat,
    },
  })
  const begin = useMutation({
    mutationFn: (input: SetupInput) => call(concord().setup.begin(input)),
    onMutate: () => setExpired(null),
    onSuccess: () => setActive(STEP.recovery),
  })

  const toAdminStep = (event: React.FormEvent) => {
    event.preventDefault()
    if (!form.validateField('orgName').hasError) setActive(STEP.admin)
  }
  const createKeys = form.onSubmit((values) =>
    begin.mutate({
      orgName: values.orgName,
      orgCapacity: values.orgCapacity,
      admin: { displayName: values.displayName, login: values.login, password: values.password },
    }),
  )
  // Shown on the administrator step when the core lost the pending setup and keys are remade.
  const [expired, setExpired] = useState<unknown>(null)
  const restart = (error: unknown) => {
    begin.reset()
    setExpired(error)
    setActive(STEP.admin)
  }

  return (
    <AuthLayout size={680}>
      <Stack gap="lg">
        <div>
          <Title order={2}>{t('setup.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('setup.intro')}
          </Text>
        </div>
        <Stepper active={active} size="sm">
          <Stepper.Step label={t('setup.stepOrg')}>
            {/* Keys: Stepper shows one step's content in the same place, and without them React
                would reuse the organization inputs for the administrator's (no autofocus). */}
            <form key="org" onSubmit={toAdminStep} noValidate>
              <Stack>
                <TextInput
                  label={t('setup.orgName')}
                  placeholder={t('setup.orgNamePlaceholder')}
                  autoFocus
                  {...form.getInputProps('orgName')}
                />
                <Radio.Group label={t('setup.orgCapacity')} {...form.getInputProps('orgCapacity')}>
                  <Stack gap="xs" mt="xs">
                    {OrgCapacity.options.map((capacity) => (
                      <Radio
                        key={capacity}
                        value={capacity}
                        label={t(`setup.capacity.${capacity}`)}
                      />
                    ))}
                  </Stack>
                </Radio.Group>
                <Group justify="flex-end">
                  <Button type="submit">{t('common.next')}</Button>
                </Group>
              </Stack>
            </form>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepAdmin')}>
            <form key="admin" onSubmit={createKeys} noValidate>
              <Stack>
                <TextInput
                  label={t('setup.adminName')}
                  autoFocus
                  autoComplete="name"
                  {...form.getInputProps('displayName')}
                />
                <TextInput
                  label={t('setup.adminLogin')}
                  description={t('setup.adminLoginHint')}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  {...form.getInputProps('login')}
                />
                <PasswordFields
                  password={form.values.password}
                  login={form.values.login}
                  passwordInput={form.getInputProps('password')}
                  repeatInput={form.getInputProps('repeat')}
                />
                <ErrorAlert error={begin.error ?? expired} />
                {begin.isPending && (
                  <Text role="status" c="dimmed" size="sm">
                    {t('setup.creating')}
                  </Text>
                )}
                <Group justify="space-between">
                  <Button
                    variant="default"
                    onClick={() => setActive(STEP.org)}
                    disabled={begin.isPending}
                  >
                    {t('common.back')}
                  </Button>
                  <Button type="submit" loading={begin.isPending}>
                    {t('setup.create')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepRecovery')}>
            {begin.data && <RecoveryStep challenge={begin.data} onExpired={restart} />}
          </Stepper.Step>
        </Stepper>
      </Stack>
    </AuthLayout>
  )
}

function RecoveryStep({
  challenge,
  onExpired,
}: {
  challenge: { recoveryCode: string; confirmGroups: number[] }
  /** The core forgot the pending setup (e.g. it restarted): the keys must be made again. */
  onExpired: (error: unknown) => void
}) {
  const { t } = useTranslation()
  const applyStatus = useApplyStatus()
  const [phase, setPhase] = useState<'show' | 'confirm'>('show')
  const [saved, setSaved] = useState(false)
  const [first = 0, second = 0] = challenge.confirmGroups
  const groupError = (value: string) =>
    normalizeRecoveryCode(value).length === RECOVERY_GROUP_LENGTH
      ? null
      : t('validation.recoveryGroup')
  const form = useForm({
    initialValues: { first: '', second: '' },
    validate: { first: groupError, second: groupError },
  })
  const complete = useMutation({
    mutationFn: (confirmation: [string, string]) =>
      call(concord().setup.complete({ confirmation })),
    onSuccess: applyStatus,
    onError: (error) => {
      if (isConcordError(error, 'SETUP_NOT_STARTED')) onExpired(error)
    },
  })

  if (phase === 'show') {
    return (
      <Stack>
        <Title order={3}>{t('setup.recoveryTitle')}</Title>
        <Alert color="orange" variant="light">
          {t('setup.recoveryIntro')}
        </Alert>
        <RecoveryCode code={challenge.recoveryCode} />
        <Checkbox
          label={t('setup.recoverySaved')}
          checked={saved}
          onChange={(event) => setSaved(event.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button disabled={!saved} onClick={() => setPhase('confirm')}>
            {t('common.next')}
          </Button>
        </Group>
      </Stack>
    )
  }
  return (
    <form
      onSubmit={form.onSubmit((values) => complete.mutate([values.first, values.second]))}
      noValidate
    >
      <Stack>
        <Title order={3}>{t('setup.recoveryTitle')}</Title>
        <Text>{t('setup.recoveryConfirmIntro', { first: first + 1, second: second + 1 })}</Text>
        <Group grow align="flex-start">
          <TextInput
            label={t('setup.recoveryGroup', { n: first + 1 })}
            styles={monospaceInput}
            size="md"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('first')}
          />
          <TextInput
            label={t('setup.recoveryGroup', { n: second + 1 })}
            styles={monospaceInput}
            size="md"
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('second')}
          />
        </Group>
        <ErrorAlert error={complete.error} />
        <Group justify="space-between">
          <Button variant="default" onClick={() => setPhase('show')} disabled={complete.isPending}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={complete.isPending}>
            {t('setup.finish')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
