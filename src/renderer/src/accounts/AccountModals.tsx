import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  ALL_ROLES,
  DisplayName,
  Login,
  type Account,
  type Role,
} from '../../../shared/schemas/account'
import { ErrorAlert } from '../components/ErrorAlert'
import { newPasswordErrors, PasswordFields } from '../components/PasswordFields'
import { call, concord, isConcordError } from '../concord'
import { useRefetchStatus } from '../status'
import { unless, useFieldMessages } from '../validation'

export const ACCOUNTS_KEY = ['accounts'] as const

function useRefreshAccounts() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ACCOUNTS_KEY })
}

/** A new account (`account` null) or an existing one's name and role. */
export function AccountFormModal({
  opened,
  account,
  selfId,
  onClose,
}: {
  opened: boolean
  account: Account | null
  selfId: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        account
          ? t('accounts.edit.title', { name: account.displayName })
          : t('accounts.create.title')
      }
      centered
    >
      {opened &&
        (account ? (
          <EditForm account={account} self={account.id === selfId} onDone={onClose} />
        ) : (
          <CreateForm onDone={onClose} />
        ))}
    </Modal>
  )
}

function RoleSelect(props: { value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation()
  return (
    <Select
      label={t('accounts.form.role')}
      data={ALL_ROLES.map((role) => ({ value: role, label: t(`user.role.${role}`) }))}
      allowDeselect={false}
      value={props.value}
      onChange={(value) => value && props.onChange(value as Role)}
    />
  )
}

function CreateForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation()
  const refresh = useRefreshAccounts()
  const messages = useFieldMessages()
  const form = useForm({
    initialValues: {
      displayName: '',
      login: '',
      role: 'mediator' as Role,
      password: '',
      repeat: '',
    },
    validate: (values) => ({
      displayName: unless(DisplayName, values.displayName, t('validation.displayName')),
      login: unless(Login, values.login, t('validation.login')),
      ...newPasswordErrors(t, values.password, values.repeat, values.login.trim().toLowerCase()),
    }),
  })
  const create = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(
        concord().users.create({
          displayName: values.displayName,
          login: values.login,
          role: values.role,
          temporaryPassword: values.password,
        }),
      ),
    onError: (error) => form.setErrors(messages.fromCore(error)),
    onSuccess: (created) => {
      void refresh()
      notifications.show({
        color: 'teal',
        message: t('accounts.create.done', { name: created.displayName }),
      })
      onDone()
    },
  })
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack>
        <TextInput
          label={t('accounts.form.name')}
          maxLength={40}
          data-autofocus
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label={t('accounts.form.login')}
          description={t('accounts.form.loginHint')}
          maxLength={32}
          autoComplete="off"
          {...form.getInputProps('login')}
        />
        <RoleSelect
          value={form.values.role}
          onChange={(role) => form.setFieldValue('role', role)}
        />
        <PasswordFields
          password={form.values.password}
          login={form.values.login.trim().toLowerCase()}
          passwordInput={form.getInputProps('password')}
          repeatInput={form.getInputProps('repeat')}
          label={t('accounts.form.temporary')}
          repeatLabel={t('accounts.form.temporaryRepeat')}
        />
        <Text size="xs" c="dimmed">
          {t('accounts.form.temporaryHint')}
        </Text>
        {!isConcordError(create.error, 'VALIDATION') && <ErrorAlert error={create.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('accounts.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function EditForm({
  account,
  self,
  onDone,
}: {
  account: Account
  self: boolean
  onDone: () => void
}) {
  const { t } = useTranslation()
  const refresh = useRefreshAccounts()
  const refetchStatus = useRefetchStatus()
  const form = useForm({
    initialValues: { displayName: account.displayName, role: account.role },
    validate: {
      displayName: (value) => unless(DisplayName, value, t('validation.displayName')),
    },
  })
  const update = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(
        concord().users.update({
          userId: account.id,
          ...(form.isDirty('displayName') ? { displayName: values.displayName } : {}),
          ...(form.isDirty('role') ? { role: values.role } : {}),
        }),
      ),
    onSuccess: () => {
      void refresh()
      // One's own name and role are in the session (header, navigation).
      if (self) void refetchStatus()
      notifications.show({ color: 'teal', message: t('accounts.edit.done') })
      onDone()
    },
  })
  return (
    <form onSubmit={form.onSubmit((values) => update.mutate(values))} noValidate>
      <Stack>
        <TextInput
          label={t('accounts.form.name')}
          maxLength={40}
          data-autofocus
          {...form.getInputProps('displayName')}
        />
        <TextInput
          label={t('accounts.form.login')}
          value={account.login}
          readOnly
          variant="filled"
        />
        <RoleSelect
          value={form.values.role}
          onChange={(role) => form.setFieldValue('role', role)}
        />
        {self && form.values.role !== 'admin' && (
          <Alert color="orange" variant="light">
            {t('accounts.form.ownRole')}
          </Alert>
        )}
        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** A new temporary password; for a disabled account this is how it is enabled again. */
export function ResetPasswordModal({
  account,
  onClose,
}: {
  account: Account | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const name = account?.displayName ?? ''
  return (
    <Modal
      opened={account !== null}
      onClose={onClose}
      title={
        account?.disabled
          ? t('accounts.reset.enableTitle', { name })
          : t('accounts.reset.title', { name })
      }
      centered
    >
      {account && <ResetForm account={account} onDone={onClose} />}
    </Modal>
  )
}

function ResetForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useTranslation()
  const refresh = useRefreshAccounts()
  const name = account.displayName
  const form = useForm({
    initialValues: { password: '', repeat: '' },
    validate: (values) => newPasswordErrors(t, values.password, values.repeat, account.login),
  })
  const reset = useMutation({
    mutationFn: (password: string) =>
      call(concord().users.resetPassword({ userId: account.id, temporaryPassword: password })),
    onSuccess: () => {
      void refresh()
      notifications.show({ color: 'teal', message: t('accounts.reset.done', { name }) })
      onDone()
    },
  })
  return (
    <form onSubmit={form.onSubmit((values) => reset.mutate(values.password))} noValidate>
      <Stack>
        <Text size="sm">
          {account.disabled
            ? t('accounts.reset.enableIntro', { name })
            : t('accounts.reset.intro', { name })}
        </Text>
        <PasswordFields
          password={form.values.password}
          login={account.login}
          passwordInput={form.getInputProps('password')}
          repeatInput={form.getInputProps('repeat')}
          label={t('accounts.form.temporary')}
          repeatLabel={t('accounts.form.temporaryRepeat')}
        />
        <Text size="xs" c="dimmed">
          {t('accounts.form.temporaryHint')}
        </Text>
        <ErrorAlert error={reset.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={reset.isPending}>
            {account.disabled ? t('accounts.reset.enableSubmit') : t('accounts.reset.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Confirms disabling, then offers the key rotation (DESIGN.md §2). */
export function DisableModal({
  account,
  onClose,
  onRotate,
}: {
  account: Account | null
  onClose: () => void
  onRotate: () => void
}) {
  const { t } = useTranslation()
  const refresh = useRefreshAccounts()
  const [done, setDone] = useState<string | null>(null)
  const disable = useMutation({
    mutationFn: (id: string) => call(concord().users.disable({ userId: id })),
    onSuccess: (disabled) => {
      void refresh()
      setDone(disabled.displayName)
    },
  })
  // Cleared once the dialog has faded out, so that it does not flash back to the question.
  const clear = () => {
    setDone(null)
    disable.reset()
  }
  const name = account?.displayName ?? ''
  return (
    <Modal
      opened={account !== null}
      onClose={onClose}
      onExitTransitionEnd={clear}
      title={
        done ? t('accounts.disable.done', { name: done }) : t('accounts.disable.title', { name })
      }
      centered
    >
      {done ? (
        <Stack>
          <Alert color="orange" variant="light">
            {t('accounts.disable.offer')}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('accounts.disable.later')}
            </Button>
            <Button onClick={onRotate} data-autofocus>
              {t('accounts.disable.rotateNow')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">{t('accounts.disable.intro', { name })}</Text>
          <ErrorAlert error={disable.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={disable.isPending}
              onClick={() => account && disable.mutate(account.id)}
            >
              {t('accounts.disable.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
