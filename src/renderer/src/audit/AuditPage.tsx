import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CHANNELS, contract } from '../../../shared/contract'
import type { AuditChange, AuditEntry, AuditQuery } from '../../../shared/schemas/audit'
import { useUsers } from '../cases/api'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { formatDate } from '../format'
import { routeHref } from '../frame/pages'
import { useLabel } from '../i18n'
import { useSession } from '../status'

type Filter = Omit<AuditQuery, 'before' | 'limit'>
const PAGE_SIZE = 50
const CASE_NUMBER_DELAY_MS = 300

/** Everything the trail can hold: channels that are recorded, and the idle lock. */
const ACTIONS = [
  ...CHANNELS.filter((c) => !('passive' in contract[c]) && c !== 'app.activity'),
  'auth.idleLock',
]

/** Entries are stamped in UTC; people read China time (UTC+8, no daylight saving). */
function chinaTime(at: string, language: string): string {
  const ms = Date.parse(at)
  if (Number.isNaN(ms)) return ''
  const wall = new Date(ms + 8 * 3_600_000).toISOString()
  return `${formatDate(wall, language)} ${wall.slice(11, 19)}`
}

function useActionLabel() {
  const label = useLabel()
  return (action: string) => label(`audit.actions.${action}`, { defaultValue: action })
}

export function AuditPage() {
  return <AuditTrail />
}

function AuditTrail() {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<Filter>({})
  const [open, setOpen] = useState<AuditEntry | null>(null)
  const trail = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) =>
      call(concord().audit.list({ ...filter, limit: PAGE_SIZE, before: pageParam })),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    // A new filter keeps the old rows on screen until its own arrive.
    placeholderData: keepPreviousData,
  })
  const rows = trail.data?.pages.flatMap((page) => page.rows) ?? []

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('audit.title')}</Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('audit.intro')}
          </Text>
        </div>
        <VerifyButton />
      </Group>
      <Filters filter={filter} onChange={setFilter} />
      <ErrorAlert error={trail.error} />
      {trail.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Paper withBorder>
          <EntryTable rows={rows} onOpen={setOpen} />
          {rows.length === 0 && (
            <Text p="md" c="dimmed">
              {t('audit.empty')}
            </Text>
          )}
        </Paper>
      )}
      {trail.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void trail.fetchNextPage()}
          loading={trail.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('audit.loadMore')}
        </Button>
      )}
      <EntryDrawer entry={open} onClose={() => setOpen(null)} />
    </Stack>
  )
}

function Filters({ filter, onChange }: { filter: Filter; onChange: (filter: Filter) => void }) {
  const { t } = useTranslation()
  const actionLabel = useActionLabel()
  const users = useUsers()
  const [caseNumber, setCaseNumber] = useState(filter.caseNumber ?? '')
  const typed = useDebouncedCallback(
    (value: string) => onChange({ ...filter, caseNumber: value.trim() || undefined }),
    CASE_NUMBER_DELAY_MS,
  )
  const set = <K extends keyof Filter>(key: K, value: Filter[K] | null | '') =>
    onChange({ ...filter, [key]: value || undefined })
  const actions = ACTIONS.map((value) => ({ value, label: actionLabel(value) })).sort((a, b) =>
    a.label.localeCompare(b.label, 'zh-CN'),
  )
  const people = (users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        w={160}
        size="xs"
        clearable
        searchable
        label={t('audit.filter.user')}
        placeholder={t('audit.filter.allUsers')}
        data={people}
        value={filter.userId ?? null}
        onChange={(value) => set('userId', value)}
      />
      <TextInput
        w={180}
        size="xs"
        label={t('audit.filter.caseNumber')}
        placeholder={t('audit.filter.caseNumberPlaceholder')}
        value={caseNumber}
        onChange={(event) => {
          setCaseNumber(event.currentTarget.value)
          typed(event.currentTarget.value)
        }}
      />
      <Select
        w={200}
        size="xs"
        clearable
        searchable
        label={t('audit.filter.action')}
        placeholder={t('audit.filter.allActions')}
        data={actions}
        value={filter.action ?? null}
        onChange={(value) => set('action', value)}
      />
      <TextInput
        w={150}
        size="xs"
        type="date"
        label={t('audit.filter.dates')}
        value={filter.from ?? ''}
        onChange={(event) => set('from', event.currentTarget.value)}
        aria-label={`${t('audit.filter.dates')} 1`}
      />
      <TextInput
        w={150}
        size="xs"
        type="date"
        label=" "
        value={filter.to ?? ''}
        onChange={(event) => set('to', event.currentTarget.value)}
        aria-label={`${t('audit.filter.dates')} 2`}
      />
      {Object.values(filter).some((value) => value !== undefined) && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => {
            typed.cancel()
            setCaseNumber('')
            onChange({})
          }}
        >
          {t('audit.filter.clear')}
        </Button>
      )}
    </Group>
  )
}

function Who({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation()
  if (entry.userName) return <>{entry.userName}</>
  return (
    <Text c="dimmed">{entry.userId ? entry.userId.slice(0, 8) : t('audit.recoverySession')}</Text>
  )
}

function CaseCell({ entry }: { entry: AuditEntry }) {
  const { role } = useSession().user
  if (!entry.caseId) return null
  const text = entry.caseNumber ?? entry.caseId.slice(0, 8)
  // Administrators cannot open cases; a link would only lead to a refusal.
  if (role === 'admin' || !entry.caseNumber) return <>{text}</>
  return <Anchor href={routeHref('cases', [entry.caseId])}>{text}</Anchor>
}

function Outcome({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation()
  return (
    <Badge variant="light" color={entry.outcome === 'denied' ? 'red' : 'gray'}>
      {t(`audit.outcome.${entry.outcome}`)}
    </Badge>
  )
}

function EntryTable({ rows, onOpen }: { rows: AuditEntry[]; onOpen: (entry: AuditEntry) => void }) {
  const { t, i18n } = useTranslation()
  const actionLabel = useActionLabel()
  return (
    <Table highlightOnHover verticalSpacing="xs" data-testid="audit-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={190}>{t('audit.column.at')}</Table.Th>
          <Table.Th w={140}>{t('audit.column.user')}</Table.Th>
          <Table.Th>{t('audit.column.action')}</Table.Th>
          <Table.Th>{t('audit.column.case')}</Table.Th>
          <Table.Th w={100}>{t('audit.column.outcome')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((entry) => (
          <Table.Tr
            key={entry.seq}
            onClick={() => onOpen(entry)}
            style={{ cursor: 'pointer' }}
            data-testid="audit-row"
          >
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {chinaTime(entry.at, i18n.language)}
            </Table.Td>
            <Table.Td>
              <Who entry={entry} />
            </Table.Td>
            <Table.Td>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={(event) => {
                  event.stopPropagation()
                  onOpen(entry)
                }}
              >
                {actionLabel(entry.action)}
              </Anchor>
              {entry.changes.length > 0 && (
                <Text span size="xs" c="dimmed" ml="xs">
                  {t('audit.changes', { count: entry.changes.length })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <CaseCell entry={entry} />
            </Table.Td>
            <Table.Td>
              <Outcome entry={entry} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** Ids in paths are shortened: `parties[3f2a9c1e…].phone`. */
const readablePath = (path: string) =>
  path.replace(/\[([0-9a-f]{8})-[0-9a-f-]{27}\]/gi, (_match, head: string) => `[${head}…]`)

function Value({ change, side }: { change: AuditChange; side: 'before' | 'after' }) {
  const { t } = useTranslation()
  if (change.state === 'hidden') return <Text c="dimmed">{t('audit.drawer.hiddenValue')}</Text>
  const text = change[side]
  if (text === null) return <Text c="dimmed">{t('audit.drawer.redacted')}</Text>
  const value: unknown = JSON.parse(text)
  if (value === null || value === '') return <Text c="dimmed">{t('audit.drawer.empty')}</Text>
  if (typeof value === 'string') return <Text style={{ whiteSpace: 'pre-wrap' }}>{value}</Text>
  if (typeof value === 'boolean') return <Text>{t(value ? 'common.yes' : 'common.no')}</Text>
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return <Text>{value.join('、')}</Text>
  }
  return <Code>{JSON.stringify(value)}</Code>
}

function EntryDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const actionLabel = useActionLabel()
  return (
    <Drawer
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={entry ? t('audit.drawer.title', { seq: entry.seq }) : ''}
    >
      {entry && (
        <Stack>
          <Group gap="lg">
            <Text fw={600}>{actionLabel(entry.action)}</Text>
            <Outcome entry={entry} />
          </Group>
          <Group gap="lg">
            <Text size="sm">{chinaTime(entry.at, i18n.language)}</Text>
            <Text size="sm" component="div">
              <Who entry={entry} />
            </Text>
            {entry.caseId && (
              <Text size="sm" component="div">
                {t('audit.drawer.case')}: <CaseCell entry={entry} />
              </Text>
            )}
          </Group>
          {entry.changes.some((c) => c.state === 'hidden') && (
            <Alert color="gray" variant="light">
              {t('audit.drawer.hidden')}
            </Alert>
          )}
          {entry.changes.length === 0 ? (
            <Text c="dimmed">{t('audit.drawer.none')}</Text>
          ) : (
            <Table withTableBorder verticalSpacing="xs" data-testid="audit-changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.drawer.field')}</Table.Th>
                  <Table.Th>{t('audit.drawer.before')}</Table.Th>
                  <Table.Th>{t('audit.drawer.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entry.changes.map((change) => (
                  <Table.Tr key={change.path}>
                    <Table.Td>
                      <Code>{readablePath(change.path)}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Value change={change} side="before" />
                    </Table.Td>
                    <Table.Td>
                      <Value change={change} side="after" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Drawer>
  )
}

function VerifyButton() {
  const { t, i18n } = useTranslation()
  const verify = useMutation({ mutationFn: () => call(concord().audit.verify()) })
  const result = verify.data
  return (
    <Stack gap="xs" align="flex-end" maw={460}>
      <Button onClick={() => verify.mutate()} loading={verify.isPending}>
        {t('audit.verify.button')}
      </Button>
      <ErrorAlert error={verify.error} />
      {result?.ok && (
        <Alert color="green" variant="light" role="status">
          {t('audit.verify.intact', { count: result.checked })}
          {result.redacted > 0 && (
            <Text size="sm">{t('audit.verify.redacted', { count: result.redacted })}</Text>
          )}
        </Alert>
      )}
      {result && !result.ok && result.firstBroken && (
        <Alert color="red" variant="light" role="alert">
          {t('audit.verify.broken', {
            seq: result.firstBroken.seq,
            reason: t(`audit.verify.reason.${result.firstBroken.reason}`),
          })}
          {result.firstBroken.at && (
            <Text size="sm">
              {t('audit.verify.brokenAt', { at: chinaTime(result.firstBroken.at, i18n.language) })}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  )
}
