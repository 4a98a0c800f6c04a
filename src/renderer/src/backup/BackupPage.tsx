import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  Modal,
  NumberInput,
  PasswordInput,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput, ChannelOutput } from '../../../shared/contract'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { useApplyStatus, useSession } from '../status'
import { BACKUP_HEALTH_KEY, useChinaTime } from './health'

type Settings = ChannelOutput<'backup.getSettings'>
type Listing = ChannelOutput<'backup.list'>
type Preview = ChannelOutput<'backup.inspect'>
type Secret = ChannelInput<'backup.inspect'>['secret']

const SETTINGS_KEY = ['backup', 'settings'] as const
const LIST_KEY = ['backup', 'list'] as const

/** 备份: back up now, the settings, the archives in the folder, and restoring one. */
export function BackupPage() {
  const { t } = useTranslation()
  const { user } = useSession()
  const [restoreFile, setRestoreFile] = useState('')
  if (user.role !== 'admin') {
    return (
      <Stack>
        <Title order={2}>{t('backup.title')}</Title>
        <Alert color="gray" variant="light">
          {t('backup.adminOnly')}
        </Alert>
      </Stack>
    )
  }
  return (
    <Stack maw={880}>
      <Title order={2}>{t('backup.title')}</Title>
      <BackupNow />
      <SettingsSection />
      <ArchiveList onUse={setRestoreFile} />
      <RestoreSection file={restoreFile} onFileChange={setRestoreFile} />
    </Stack>
  )
}

/**
 * The core answers one request at a time and a backup is one request, so there is no
 * percentage to poll: the bar is indeterminate and names the steps, and the rest of the
 * window stays usable (the main process is not involved).
 */
function Working({ label }: { label: string }) {
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Progress value={100} animated striped aria-label={label} />
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Stack>
  )
}

function BackupNow() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const create = useMutation({
    mutationFn: () => call(concord().backup.create()),
    onSuccess: (done) => {
      notifications.show({
        color: 'teal',
        message: t('backup.now.done', {
          file: done.file,
          seconds: (done.ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 }),
        }),
      })
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: LIST_KEY })
      void client.invalidateQueries({ queryKey: BACKUP_HEALTH_KEY })
    },
  })
  return (
    <Fieldset legend={t('backup.now.legend')}>
      <Stack>
        <Text size="sm">{t('backup.now.hint')}</Text>
        {create.isPending && <Working label={t('backup.now.working')} />}
        <ErrorAlert error={create.error} />
        <Group>
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('backup.now.button')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  )
}

function SettingsSection() {
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => call(concord().backup.getSettings()),
  })
  if (settings.isError) return <ErrorAlert error={settings.error} />
  if (!settings.data) return <Loader />
  return <SettingsForm settings={settings.data} />
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const form = useForm({
    initialValues: {
      folder: settings.folder ?? '',
      daily: settings.dailyAt !== null,
      dailyAt: settings.dailyAt ?? '12:30',
      onExit: settings.onExit,
      keepDaily: settings.keepDaily,
      keepWeekly: settings.keepWeekly,
      keepMonthly: settings.keepMonthly,
      warnAfterDays: settings.warnAfterDays,
    },
  })
  const save = useMutation({
    mutationFn: (patch: ChannelInput<'backup.updateSettings'>) =>
      call(concord().backup.updateSettings(patch)),
    onSuccess: (saved) => {
      client.setQueryData(SETTINGS_KEY, saved)
      form.resetDirty()
      void client.invalidateQueries({ queryKey: LIST_KEY })
      void client.invalidateQueries({ queryKey: BACKUP_HEALTH_KEY })
      notifications.show({ color: 'teal', message: t('common.saved') })
    },
  })
  const submit = form.onSubmit((values) => {
    const folder = values.folder.trim()
    save.mutate({
      ...(folder ? { folder } : {}),
      dailyAt: values.daily ? values.dailyAt : null,
      onExit: values.onExit,
      keepDaily: values.keepDaily,
      keepWeekly: values.keepWeekly,
      keepMonthly: values.keepMonthly,
      warnAfterDays: values.warnAfterDays,
    })
  })
  const count = (
    field: 'keepDaily' | 'keepWeekly' | 'keepMonthly' | 'warnAfterDays',
    max: number,
  ) => (
    <NumberInput
      label={t(`backup.settings.${field}`)}
      min={field === 'keepDaily' || field === 'warnAfterDays' ? 1 : 0}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="blur"
      {...form.getInputProps(field)}
    />
  )
  return (
    <form onSubmit={submit} noValidate>
      <Fieldset legend={t('backup.settings.legend')}>
        <Stack>
          <PathInput
            kind="folder"
            label={t('backup.settings.folder')}
            description={t('backup.settings.folderHint')}
            value={form.values.folder}
            onChange={(value) => form.setFieldValue('folder', value)}
          />
          <Group align="end">
            <Checkbox
              label={t('backup.settings.daily')}
              {...form.getInputProps('daily', { type: 'checkbox' })}
            />
            <TextInput
              type="time"
              label={t('backup.settings.dailyAt')}
              disabled={!form.values.daily}
              w={140}
              {...form.getInputProps('dailyAt')}
            />
          </Group>
          <Checkbox
            label={t('backup.settings.onExit')}
            {...form.getInputProps('onExit', { type: 'checkbox' })}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {count('keepDaily', 60)}
            {count('keepWeekly', 52)}
            {count('keepMonthly', 120)}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('backup.settings.retentionHint')}
          </Text>
          <NumberInput
            label={t('backup.settings.warnAfterDays')}
            min={1}
            max={90}
            w={280}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="blur"
            {...form.getInputProps('warnAfterDays')}
          />
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('backup.settings.save')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  )
}

/** Electron's own user agent: only there does the shell have a dialog to offer. */
const hasDialog = () => /\bElectron\//.test(navigator.userAgent)

/** A full path, typed, or picked in the shell's dialog in the desktop app. */
function PathInput(props: {
  kind: 'folder' | 'file'
  label: string
  description?: string
  value: string
  onChange: (value: string) => void
}) {
  const { t } = useTranslation()
  const pick = useMutation({
    mutationFn: () => call(concord().backup.pickPath({ kind: props.kind })),
    onSuccess: ({ path }) => path && props.onChange(path),
  })
  return (
    <Group align="end" wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        label={props.label}
        description={props.description}
        value={props.value}
        spellCheck={false}
        maxLength={1024}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      />
      {hasDialog() && (
        <Button variant="default" onClick={() => pick.mutate()} loading={pick.isPending}>
          {t('backup.browse')}
        </Button>
      )}
    </Group>
  )
}

const STATE_COLOR = { verified: 'teal', unverified: 'gray', damaged: 'red' } as const

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** Joins the folder and a file name with the folder's own separator (Windows or POSIX). */
function inFolder(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/'
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`
}

function ArchiveList({ onUse }: { onUse: (file: string) => void }) {
  const { t } = useTranslation()
  const time = useChinaTime()
  const list = useQuery({ queryKey: LIST_KEY, queryFn: () => call(concord().backup.list()) })
  if (list.isError) return <ErrorAlert error={list.error} />
  if (!list.data) return <Loader />
  const { folder, reachable, archives } = list.data
  return (
    <>
      <Fieldset legend={t('backup.list.legend')}>
        {!folder ? (
          <Text size="sm">{t('backup.list.noFolder')}</Text>
        ) : !reachable ? (
          <Alert color="orange" variant="light">
            {t('backup.list.unreachable')}
          </Alert>
        ) : archives.length === 0 ? (
          <Text size="sm">{t('backup.list.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="backup-archives">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backup.list.file')}</Table.Th>
                  <Table.Th>{t('backup.list.createdAt')}</Table.Th>
                  <Table.Th>{t('backup.list.size')}</Table.Th>
                  <Table.Th>{t('backup.list.state')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {archives.map((archive) => (
                  <Table.Tr key={archive.name}>
                    <Table.Td ff="monospace" fz="sm">
                      {archive.name}
                    </Table.Td>
                    <Table.Td>{time(archive.createdAt)}</Table.Td>
                    <Table.Td>{sizeText(archive.size)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLOR[archive.state]} variant="light">
                        {t(`backup.list.states.${archive.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {archive.state !== 'damaged' && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => onUse(inFolder(folder, archive.name))}
                        >
                          {t('backup.list.use')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Fieldset>
      <BackupLog log={list.data.log} />
    </>
  )
}

function BackupLog({ log }: { log: Listing['log'] }) {
  const { t } = useTranslation()
  const time = useChinaTime()
  return (
    <Fieldset legend={t('backup.log.legend')}>
      {log.length === 0 ? (
        <Text size="sm">{t('backup.log.empty')}</Text>
      ) : (
        <Table data-testid="backup-log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backup.log.at')}</Table.Th>
              <Table.Th>{t('backup.log.kind')}</Table.Th>
              <Table.Th>{t('backup.log.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.slice(0, 8).map((entry) => (
              <Table.Tr key={`${entry.createdAt}-${entry.kind}`}>
                <Table.Td>{time(entry.createdAt)}</Table.Td>
                <Table.Td>{t(`backup.log.kinds.${entry.kind}`)}</Table.Td>
                <Table.Td>
                  {entry.status === 'verified' ? (
                    <Text size="sm" c="teal.9">
                      {t('backup.log.ok')} · {entry.file}
                    </Text>
                  ) : (
                    <Text size="sm" c="red.8">
                      {t('backup.log.failed')} · {t(`errors.${entry.errorCode ?? 'INTERNAL'}`)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Fieldset>
  )
}

function RestoreSection({
  file,
  onFileChange,
}: {
  file: string
  onFileChange: (f: string) => void
}) {
  const { t } = useTranslation()
  const time = useChinaTime()
  const applyStatus = useApplyStatus()
  const [method, setMethod] = useState<'password' | 'recovery'>('password')
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [recoveryCode, setRecoveryCode] = useState('')
  const [preview, setPreview] = useState<Preview | null>(null)
  const [confirming, setConfirming] = useState(false)
  const secret = (): Secret => (method === 'password' ? { login, password } : { recoveryCode })
  const inspect = useMutation({
    mutationFn: () => call(concord().backup.inspect({ file: file.trim(), secret: secret() })),
    onMutate: () => setPreview(null),
    onSuccess: setPreview,
  })
  const restore = useMutation({
    mutationFn: () => call(concord().backup.restore({ file: file.trim(), secret: secret() })),
    // The case base is closed now: the status sends the window to the sign-in screen.
    onSuccess: (status) => applyStatus(status),
  })
  // Anything changed after the check makes the preview stale.
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value)
      setPreview(null)
    }
  const ready = file.trim() !== '' && (method === 'password' ? login && password : recoveryCode)
  return (
    <Fieldset legend={t('backup.restore.legend')}>
      <Stack>
        <Text size="sm">{t('backup.restore.hint')}</Text>
        <PathInput
          kind="file"
          label={t('backup.restore.file')}
          value={file}
          onChange={edit(onFileChange)}
        />
        <SegmentedControl
          aria-label={t('backup.restore.method')}
          value={method}
          onChange={edit((value: string) => setMethod(value as 'password' | 'recovery'))}
          data={[
            { value: 'password', label: t('backup.restore.byPassword') },
            { value: 'recovery', label: t('backup.restore.byRecovery') },
          ]}
          w="fit-content"
        />
        {method === 'password' ? (
          <Group grow align="start">
            <TextInput
              label={t('backup.restore.login')}
              value={login}
              autoComplete="off"
              onChange={(event) => edit(setLogin)(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('backup.restore.password')}
              value={password}
              autoComplete="off"
              onChange={(event) => edit(setPassword)(event.currentTarget.value)}
            />
          </Group>
        ) : (
          <TextInput
            label={t('backup.restore.recoveryCode')}
            value={recoveryCode}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => edit(setRecoveryCode)(event.currentTarget.value)}
          />
        )}
        {inspect.isPending && <Working label={t('backup.restore.checking')} />}
        <ErrorAlert error={inspect.error} />
        <Group>
          <Button
            variant="default"
            onClick={() => inspect.mutate()}
            loading={inspect.isPending}
            disabled={!ready}
          >
            {t('backup.restore.check')}
          </Button>
        </Group>
        {preview && (
          <Alert
            color="teal"
            variant="light"
            title={t('backup.restore.preview')}
            data-testid="backup-preview"
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
              <Text size="sm">
                {t('backup.restore.organization')}：{preview.organization}
              </Text>
              <Text size="sm">
                {t('backup.restore.createdAt')}：{time(preview.createdAt)}
              </Text>
              <Text size="sm">
                {t('backup.restore.cases')}：{preview.tables.case ?? 0}
              </Text>
              <Text size="sm">
                {t('backup.restore.parties')}：{preview.tables.party ?? 0}
              </Text>
              <Text size="sm">
                {t('backup.restore.users')}：{preview.tables.user ?? 0}
              </Text>
              <Text size="sm">
                {t('backup.restore.attachments')}：{preview.tables.attachment ?? 0}
              </Text>
              <Text size="sm">
                {t('backup.restore.appVersion')}：{preview.appVersion}
              </Text>
            </SimpleGrid>
            <Button color="red" mt="md" onClick={() => setConfirming(true)}>
              {t('backup.restore.start')}
            </Button>
          </Alert>
        )}
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => !restore.isPending && setConfirming(false)}
        title={t('backup.restore.confirmTitle')}
        centered
      >
        <Stack>
          <Text size="sm">{t('backup.restore.confirmText')}</Text>
          {restore.isPending && <Working label={t('backup.restore.restoring')} />}
          <ErrorAlert error={restore.error} />
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => setConfirming(false)}
              disabled={restore.isPending}
            >
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => restore.mutate()} loading={restore.isPending}>
              {t('backup.restore.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Fieldset>
  )
}
