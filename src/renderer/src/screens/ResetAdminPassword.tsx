import { Alert, Button, Group, Select, Stack, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ChannelInput } from '../../../shared/contract'
import type { UserSummary } from '../../../shared/schemas/account'
import { AuthLayout } from '../components/AuthLayout'
import { ErrorAlert } from '../components/ErrorAlert'
import { newPasswordErrors, PasswordFields } from '../components/PasswordFields'
import { call, concord } from '../concord'
import { useApplyStatus } from '../status'

/** After a recovery-code unlock: pick an administrator and give them a new password. */
export function ResetAdminPassword({
  admins,
  onCancel,
}: {
  admins: UserSummary[]
  /** Locks the case base again without changing anything. */
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const applyStatus = useApplyStatus()
  const form = useForm({
    initialValues: { userId: admins[0]?.id ?? '', password: '', repeat: '' },
    validate: (values) => ({
      userId: values.userId ? null : t('validation.required'),
      ...newPasswordErrors(t, values.password, values.repeat, loginOf(values.userId)),
    }),
  })
  const loginOf = (userId: string) => admins.find((admin) => admin.id === userId)?.login ?? ''
  const reset = useMutation({
    mutationFn: (input: ChannelInput<'auth.resetAdminPassword'>) =>
      call(concord().auth.resetAdminPassword(input)),
    onSuccess: applyStatus,
  })

  return (
    <AuthLayout size={560}>
      <form
        onSubmit={form.onSubmit((values) =>
          reset.mutate({ userId: values.userId, newPassword: values.password }),
        )}
        noValidate
      >
        <Stack>
          <div>
            <Title order={2}>{t('recovery.title')}</Title>
            <Text c="dimmed" mt={4}>
              {t('recovery.intro')}
            </Text>
          </div>
          {admins.length === 0 && (
            <Alert color="red" variant="light" role="alert">
              {t('recovery.noAdmins')}
            </Alert>
          )}
          <Select
            label={t('recovery.admin')}
            data={admins.map((admin) => ({
              value: admin.id,
              label: t('recovery.adminOption', { name: admin.displayName, login: admin.login }),
            }))}
            allowDeselect={false}
            autoFocus
            {...form.getInputProps('userId')}
          />
          <PasswordFields
            password={form.values.password}
            login={loginOf(form.values.userId)}
            passwordInput={form.getInputProps('password')}
            repeatInput={form.getInputProps('repeat')}
            label={t('recovery.newPassword')}
            repeatLabel={t('changePassword.repeat')}
          />
          <ErrorAlert error={reset.error} />
          <Group justify="space-between">
            <Button variant="default" onClick={onCancel} disabled={reset.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={reset.isPending}>
              {t('recovery.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  )
}
