import {
  Alert,
  Button,
  Fieldset,
  Group,
  Loader,
  Modal,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelOutput } from '../../../shared/contract'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { useDates } from '../format'
import { routeHref } from '../frame/pages'
import { useLabel } from '../i18n'
import { useSession } from '../status'

type Policy = ChannelOutput<'retention.get'>[number]
type DueCase = ChannelOutput<'retention.due'>[number]
const RETENTION_KEY = ['retention'] as const
const DUE_KEY = ['retention', 'due'] as const

/**
 * #/privacy (PIPL Arts. 19 and 47): the administrator sets how long each category is kept;
 * cases past it are listed here and a supervisor signs their anonymization.
 */
export function PrivacyPage() {
  const { t } = useTranslation()
  const { user } = useSession()
  return (
    <Stack maw={900}>
      <Title order={2}>{t('privacy.page.title')}</Title>
      <RetentionPolicies editable={user.role === 'admin'} />
      <DueCases canAnonymize={user.role === 'supervisor'} />
    </Stack>
  )
}

function RetentionPolicies({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  const label = useLabel()
  const client = useQueryClient()
  const policies = useQuery({
    queryKey: RETENTION_KEY,
    queryFn: () => call(concord().retention.get()),
  })
  const [draft, setDraft] = useState<Record<string, number | string>>({})
  const save = useMutation({
    mutationFn: async (changed: Policy[]) => {
      let latest: Policy[] = []
      for (const policy of changed) latest = await call(concord().retention.set(policy))
      return latest
    },
    onSuccess: (latest) => {
      client.setQueryData(RETENTION_KEY, latest)
      void client.invalidateQueries({ queryKey: DUE_KEY })
      setDraft({})
      notifications.show({ color: 'green', message: t('privacy.page.saved') })
    },
  })
  if (!policies.data) {
    return policies.isError ? <ErrorAlert error={policies.error} /> : <Loader />
  }
  const valueOf = (p: Policy) => draft[p.category] ?? p.years ?? ''
  const changed = policies.data
    .filter((p) => p.category in draft && valueOf(p) !== (p.years ?? ''))
    .map((p) => {
      const value = valueOf(p)
      return { category: p.category, years: typeof value === 'number' ? value : null }
    })
  return (
    <Fieldset legend={t('privacy.page.retentionTitle')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('privacy.page.retentionHint')}
        </Text>
        {policies.data.map((policy) => (
          <NumberInput
            key={policy.category}
            label={label(`workflow.category.${policy.category}`)}
            description={t('privacy.page.years')}
            placeholder={t('privacy.page.keepForever')}
            min={1}
            max={100}
            allowDecimal={false}
            maw={260}
            readOnly={!editable}
            value={valueOf(policy)}
            onChange={(value) => setDraft({ ...draft, [policy.category]: value })}
          />
        ))}
        <ErrorAlert error={save.error} />
        {editable && (
          <Group>
            <Button
              disabled={changed.length === 0}
              loading={save.isPending}
              onClick={() => save.mutate(changed)}
            >
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  )
}

function DueCases({ canAnonymize }: { canAnonymize: boolean }) {
  const { t } = useTranslation()
  const label = useLabel()
  const dates = useDates()
  const due = useQuery({ queryKey: DUE_KEY, queryFn: () => call(concord().retention.due()) })
  const [anonymizing, setAnonymizing] = useState<DueCase | null>(null)
  return (
    <Stack gap="xs">
      <Title order={4}>{t('privacy.page.dueTitle')}</Title>
      <ErrorAlert error={due.error} />
      {due.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('privacy.page.dueEmpty')}
        </Text>
      )}
      {due.data && due.data.length > 0 && (
        <Paper withBorder>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.column.number')}</Table.Th>
                <Table.Th>{t('cases.column.category')}</Table.Th>
                <Table.Th>{t('privacy.page.closedAt')}</Table.Th>
                <Table.Th>{t('privacy.page.keepUntil')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {due.data.map((row) => (
                <Table.Tr key={row.caseId}>
                  <Table.Td>
                    {canAnonymize ? (
                      <a href={routeHref('cases', [row.caseId])}>{row.number}</a>
                    ) : (
                      row.number
                    )}
                  </Table.Td>
                  <Table.Td>{label(`workflow.category.${row.category}`)}</Table.Td>
                  <Table.Td>{dates.date(row.closedAt)}</Table.Td>
                  <Table.Td>{dates.date(row.keepUntil)}</Table.Td>
                  <Table.Td>
                    {canAnonymize && (
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        onClick={() => setAnonymizing(row)}
                      >
                        {t('privacy.page.anonymize')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {anonymizing && <AnonymizeModal row={anonymizing} onClose={() => setAnonymizing(null)} />}
    </Stack>
  )
}

/** The supervisor's signature is their own password, checked against their key slot. */
function AnonymizeModal({ row, onClose }: { row: DueCase; onClose: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [password, setPassword] = useState('')
  const anonymize = useMutation({
    mutationFn: async () => {
      const file = await call(concord().cases.get({ caseId: row.caseId }))
      return call(
        concord().cases.anonymize({ caseId: row.caseId, version: file.version, password }),
      )
    },
    onSuccess: (file) => {
      client.setQueryData(['case', file.id], file)
      void client.invalidateQueries({ queryKey: DUE_KEY })
      void client.invalidateQueries({ queryKey: ['cases'] })
      notifications.show({
        color: 'green',
        message: t('privacy.page.done', { number: row.number }),
      })
      onClose()
    },
  })
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('privacy.page.anonymizeTitle', { number: row.number })}
    >
      <Stack>
        <Alert color="red" variant="light">
          {t('privacy.page.anonymizeBody')}
        </Alert>
        <PasswordInput
          label={t('privacy.page.password')}
          required
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <ErrorAlert error={anonymize.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            disabled={password === ''}
            loading={anonymize.isPending}
            onClick={() => anonymize.mutate()}
          >
            {t('privacy.page.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
