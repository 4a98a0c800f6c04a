import {
  Alert,
  Button,
  Fieldset,
  Group,
  Loader,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, ChannelOutput } from '../../../shared/contract'
import { CaseNumberPattern, formatCaseNumber } from '../../../shared/domain/case-number'
import { IdleLockMinutes, OrgName } from '../../../shared/schemas/organization'
import { ErrorAlert } from '../components/ErrorAlert'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { call, concord } from '../concord'
import { useRefetchStatus, useSession } from '../status'
import { CalendarSettings } from './CalendarSettings'
import { unless, useFieldMessages } from '../validation'

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
      <CalendarSettings />
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
  const messages = useFieldMessages()
  const form = useForm({
    initialValues: {
      orgName: settings.orgName,
      idleLockMinutes: settings.idleLockMinutes,
      caseNumberPattern: settings.caseNumberPattern,
    },
    validate: {
      orgName: (value) => unless(OrgName, value, t('validation.orgName')),
      idleLockMinutes: (value) => unless(IdleLockMinutes, value, t('validation.idleLock')),
      caseNumberPattern: (value) => {
        const result = CaseNumberPattern.safeParse(value)
        return result.success ? null : (messages.fromIssues(result.error.issues)[''] ?? null)
      },
    },
  })
  const update = useMutation({
    mutationFn: (patch: ChannelInput<'settings.update'>) => call(concord().settings.update(patch)),
    onSuccess: (saved) => {
      client.setQueryData(SETTINGS_KEY, saved)
      form.resetDirty({
        orgName: saved.orgName,
        idleLockMinutes: saved.idleLockMinutes,
        caseNumberPattern: saved.caseNumberPattern,
      })
      // The header's organization name and the idle timer come from the session.
      void refetchStatus()
      notifications.show({ color: 'teal', message: t('common.saved') })
    },
  })
  const save = form.onSubmit((values) => {
    const patch: ChannelInput<'settings.update'> = {}
    if (form.isDirty('orgName')) patch.orgName = values.orgName.trim()
    if (form.isDirty('idleLockMinutes')) patch.idleLockMinutes = values.idleLockMinutes
    if (form.isDirty('caseNumberPattern')) patch.caseNumberPattern = values.caseNumberPattern.trim()
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
        <Fieldset legend={t('settings.caseNumbers')}>
          <TextInput
            label={t('settings.caseNumberPattern')}
            description={t('settings.caseNumberPatternHint')}
            maxLength={60}
            readOnly={!editable}
            variant={variant}
            {...form.getInputProps('caseNumberPattern')}
          />
          <Text size="sm" mt="xs" data-testid="case-number-preview">
            {t('settings.caseNumberPreview', {
              example: formatCaseNumber(form.values.caseNumberPattern, {
                year: new Date().getFullYear(),
                category: 'family',
                seq: 1,
              }),
            })}
          </Text>
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
