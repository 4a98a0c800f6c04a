import {
  Alert,
  Button,
  Fieldset,
  Group,
  Loader,
  NumberInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, ChannelOutput } from '../../../shared/contract'
import { IdleLockMinutes, OrgName } from '../../../shared/schemas/organization'
import { ErrorAlert } from '../components/ErrorAlert'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { call, concord } from '../concord'
import { useRefetchStatus, useSession } from '../status'
import { unless } from '../validation'

type Settings = ChannelOutput<'settings.get'>
const SETTINGS_KEY = ['settings'] as const

export function SettingsPage() {
  const { t } = useTranslation()
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => call(concord().settings.get()),
  })
  return (
    <Stack maw={640}>
      <Title order={2}>{t('settings.title')}</Title>
      {/* First: it applies at once, while the sections below wait for their save button. */}
      <Fieldset legend={t('language.label')}>
        <LanguageSwitch size="sm" />
      </Fieldset>
      {settings.data ? (
        <OrganizationSettings settings={settings.data} />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : (
        <Loader aria-label={t('common.loading')} />
      )}
    </Stack>
  )
}

/** Organization-wide settings: everyone sees them, only an administrator changes them. */
function OrganizationSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const { user } = useSession()
  const editable = user.role === 'admin'
  const client = useQueryClient()
  const refetchStatus = useRefetchStatus()
  const form = useForm({
    initialValues: { orgName: settings.orgName, idleLockMinutes: settings.idleLockMinutes },
    validate: {
      orgName: (value) => unless(OrgName, value, t('validation.orgName')),
      idleLockMinutes: (value) => unless(IdleLockMinutes, value, t('validation.idleLock')),
    },
  })
  const update = useMutation({
    mutationFn: (patch: ChannelInput<'settings.update'>) => call(concord().settings.update(patch)),
    onSuccess: (saved) => {
      client.setQueryData(SETTINGS_KEY, saved)
      form.resetDirty({ orgName: saved.orgName, idleLockMinutes: saved.idleLockMinutes })
      // The header's organization name and the idle timer come from the session.
      void refetchStatus()
      notifications.show({ color: 'teal', message: t('common.saved') })
    },
  })
  const save = form.onSubmit((values) => {
    const patch: ChannelInput<'settings.update'> = {}
    if (form.isDirty('orgName')) patch.orgName = values.orgName.trim()
    if (form.isDirty('idleLockMinutes')) patch.idleLockMinutes = values.idleLockMinutes
    update.mutate(patch)
  })
  // Read-only fields look different from editable ones, not just refuse input.
  const variant = editable ? 'default' : 'filled'

  return (
    <form onSubmit={save} noValidate>
      <Stack>
        {!editable && (
          <Alert color="gray" variant="light">
            {t('settings.adminOnly')}
          </Alert>
        )}
        <Fieldset legend={t('settings.organization')}>
          <Stack>
            <TextInput
              label={t('settings.orgName')}
              readOnly={!editable}
              variant={variant}
              {...form.getInputProps('orgName')}
            />
            <TextInput
              label={t('settings.orgCapacity')}
              value={t(`setup.capacity.${settings.orgCapacity}`)}
              readOnly
              variant="filled"
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('settings.security')}>
          <NumberInput
            label={t('settings.idleLock')}
            description={t('settings.idleLockHint')}
            min={1}
            max={120}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="blur"
            readOnly={!editable}
            variant={variant}
            {...form.getInputProps('idleLockMinutes')}
          />
        </Fieldset>
        <ErrorAlert error={update.error} />
        {editable && (
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}
