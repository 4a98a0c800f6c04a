import { Alert, Button, Group, Modal, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { PasswordInput } from '../components/PasswordInput'
import type { ChannelInput } from '../../../shared/contract'
import { ErrorAlert } from '../components/ErrorAlert'
import { newPasswordErrors, PasswordFields } from '../components/PasswordFields'
import { call, concord, isConcordError } from '../concord'
import { useApplyStatus, useSession } from '../status'

/**
 * Changing one's own password. When the account must change it (set by an administrator),
 * the modal cannot be dismissed: nothing else is usable until it is done.
 */
export function ChangePasswordModal({
  opened,
  required,
  onClose,
}: {
  opened: boolean
  required: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  const dismissable = !required
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('changePassword.title')}
      withCloseButton={dismissable}
      closeOnClickOutside={dismissable}
      closeOnEscape={dismissable}
      centered
    >
      {/* Mounted per opening, so every opening starts with empty fields. */}
      <ChangePasswordForm required={required} onDone={onClose} />
    </Modal>
  )
}

function ChangePasswordForm({ required, onDone }: { required: boolean; onDone: () => void }) {
  const { t } = useTranslation()
  const { user } = useSession()
  const applyStatus = useApplyStatus()
  const form = useForm({
    initialValues: { current: '', password: '', repeat: '' },
    validate: (values) => ({
      current: values.current ? null : t('validation.required'),
      ...newPasswordErrors(t, values.password, values.repeat, user.login),
    }),
  })
  const change = useMutation({
    mutationFn: (input: ChannelInput<'auth.changePassword'>) =>
      call(concord().auth.changePassword(input)),
    onError: (error) => {
      // Here the only credential is the current password: say so, next to it.
      if (isConcordError(error, 'WRONG_CREDENTIALS')) {
        form.setFieldError('current', t('changePassword.wrongCurrent'))
      }
    },
    onSuccess: (status) => {
      applyStatus(status)
      notifications.show({ color: 'teal', message: t('changePassword.done') })
      onDone()
    },
  })
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        change.mutate({ currentPassword: values.current, newPassword: values.password }),
      )}
      noValidate
    >
      <Stack>
        {required && (
          <Alert color="orange" variant="light">
            {t('changePassword.required')}
          </Alert>
        )}
        <PasswordInput
          label={t('changePassword.current')}
          autoComplete="current-password"
          data-autofocus
          {...form.getInputProps('current')}
        />
        <PasswordFields
          password={form.values.password}
          login={user.login}
          passwordInput={form.getInputProps('password')}
          repeatInput={form.getInputProps('repeat')}
          label={t('changePassword.next')}
          repeatLabel={t('changePassword.repeat')}
        />
        {!isConcordError(change.error, 'WRONG_CREDENTIALS') && <ErrorAlert error={change.error} />}
        <Group justify="flex-end">
          {!required && (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={change.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
