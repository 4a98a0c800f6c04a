import {
  Alert,
  Button,
  CheckIcon,
  Group,
  List,
  Loader,
  Modal,
  Progress,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { RotationStep, type KeyRotation } from '../../../shared/schemas/account'
import { ErrorAlert } from '../components/ErrorAlert'
import { PasswordInput } from '../components/PasswordInput'
import { call, concord, isConcordError } from '../concord'
import { useRefetchStatus } from '../status'

/**
 * Key rotation with the administrator's own password. The core answers one request at a
 * time, so while it runs the dialog shows the planned steps under an indeterminate bar, then
 * each step's time from the answer. It cannot be closed meanwhile.
 */
export function RotateKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const refetchStatus = useRefetchStatus()
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : t('validation.required')) },
  })
  const rotate = useMutation({
    mutationFn: (password: string) => call(concord().keys.rotate({ password })),
    onError: (error) => {
      if (isConcordError(error, 'WRONG_CREDENTIALS')) {
        form.setFieldError('password', t('changePassword.wrongCurrent'))
      }
    },
  })
  const failed = isConcordError(rotate.error, 'KEY_ROTATION_FAILED')
  const close = () => {
    if (rotate.isPending) return
    onClose()
    // The core locked itself: the login screen takes over.
    if (failed) void refetchStatus()
  }
  // Cleared once the dialog has faded out, so that it does not flash back to the form.
  const clear = () => {
    form.reset()
    rotate.reset()
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      onExitTransitionEnd={clear}
      title={t('accounts.rotation.title')}
      withCloseButton={!rotate.isPending}
      closeOnClickOutside={false}
      closeOnEscape={!rotate.isPending}
      centered
      size="lg"
    >
      {rotate.isIdle || (rotate.isError && !failed) ? (
        <form onSubmit={form.onSubmit((values) => rotate.mutate(values.password))} noValidate>
          <Stack>
            <Text size="sm">{t('accounts.rotation.intro')}</Text>
            <Alert color="orange" variant="light">
              {t('accounts.rotation.caution')}
            </Alert>
            <PasswordInput
              label={t('accounts.rotation.password')}
              description={t('accounts.rotation.passwordHint')}
              autoComplete="current-password"
              data-autofocus
              {...form.getInputProps('password')}
            />
            {!isConcordError(rotate.error, 'WRONG_CREDENTIALS') && (
              <ErrorAlert error={rotate.error} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit">{t('accounts.rotation.start')}</Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          {rotate.isPending && (
            <>
              <Text size="sm" role="status">
                {t('accounts.rotation.running')}
              </Text>
              <Progress value={100} striped animated aria-label={t('accounts.rotation.running')} />
            </>
          )}
          <Steps result={rotate.data ?? null} running={rotate.isPending} />
          {rotate.data && (
            <Alert color="teal" variant="light" role="status">
              {t('accounts.rotation.done', {
                generation: rotate.data.generation,
                slots: rotate.data.slots,
              })}
            </Alert>
          )}
          {failed && <ErrorAlert error={rotate.error} />}
          {!rotate.isPending && (
            <Group justify="flex-end">
              <Button onClick={close}>{t('accounts.rotation.close')}</Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  )
}

function Steps({ result, running }: { result: KeyRotation | null; running: boolean }) {
  const { t } = useTranslation()
  const took = new Map(result?.steps.map((s) => [s.step, s.ms]))
  return (
    <List spacing="xs" size="sm" data-testid="rotation-steps" center>
      {RotationStep.options.map((step) => {
        const ms = took.get(step)
        return (
          <List.Item
            key={step}
            data-done={ms !== undefined}
            icon={
              ms !== undefined ? (
                <ThemeIcon size={20} radius="xl" color="teal" variant="light">
                  <CheckIcon size={10} />
                </ThemeIcon>
              ) : running ? (
                <Loader size={16} type="dots" />
              ) : (
                <ThemeIcon size={20} radius="xl" color="gray" variant="light">
                  {' '}
                </ThemeIcon>
              )
            }
          >
            {t(`accounts.rotation.step.${step}`)}
            {ms !== undefined && (
              <Text span size="xs" c="dimmed" ml="xs">
                {t('accounts.rotation.ms', { ms })}
              </Text>
            )}
          </List.Item>
        )
      })}
    </List>
  )
}
