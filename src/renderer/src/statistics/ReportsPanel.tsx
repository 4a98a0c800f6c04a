import {
  Alert,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { useDates } from '../format'
import { useSession } from '../status'
import {
  saveFile,
  useFreezeReport,
  useFrozenReports,
  useStatsAccess,
  type DashboardInput,
} from './api'

/** Period report: export as XLSX, freeze (figures + SHA-256), and check a frozen one. */
export function ReportsPanel({
  period,
  contractId,
}: {
  period: DashboardInput['period']
  contractId: string | null
}) {
  const { t } = useTranslation()
  const session = useSession()
  const access = useStatsAccess()
  const dates = useDates()
  const [title, setTitle] = useState(() => t('stats.report.defaultTitle', { org: session.orgName }))
  const input = { period, title, ...(contractId ? { contractId } : {}) }
  const exported = useMutation({
    mutationFn: async () => saveFile(await call(concord().reports.export(input))),
  })
  const freeze = useFreezeReport()
  const frozen = useFrozenReports(true)
  const download = useMutation({
    mutationFn: async (frozenId: string) =>
      saveFile(await call(concord().reports.export({ frozenId }))),
  })
  const verify = useMutation({
    mutationFn: (id: string) => call(concord().reports.verify({ id })),
  })
  return (
    <Paper withBorder p="md" component="section" aria-label={t('stats.report.heading')}>
      <Stack>
        <Title order={4}>{t('stats.report.heading')}</Title>
        <Group align="flex-end">
          <TextInput
            label={t('stats.report.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            style={{ flex: 1 }}
            maxLength={100}
          />
          <Button
            onClick={() => exported.mutate()}
            loading={exported.isPending}
            disabled={!title.trim()}
          >
            {t('stats.report.export')}
          </Button>
          {access.freeze && (
            <Button
              variant="light"
              loading={freeze.isPending}
              disabled={!title.trim()}
              onClick={() => {
                if (window.confirm(t('stats.report.freezeConfirm'))) freeze.mutate(input)
              }}
            >
              {t('stats.report.freeze')}
            </Button>
          )}
        </Group>
        <ErrorAlert error={exported.error ?? freeze.error ?? download.error ?? verify.error} />
        <Title order={5}>{t('stats.report.frozen')}</Title>
        {frozen.data?.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('stats.report.noneFrozen')}
          </Text>
        )}
        {!!frozen.data?.length && (
          <Table data-testid="frozen-reports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stats.report.title')}</Table.Th>
                <Table.Th>{t('stats.report.from')}</Table.Th>
                <Table.Th>{t('stats.report.to')}</Table.Th>
                <Table.Th>{t('stats.report.frozenBy')}</Table.Th>
                <Table.Th>SHA-256</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {frozen.data.map((report) => (
                <Table.Tr key={report.id}>
                  <Table.Td>{report.title}</Table.Td>
                  <Table.Td>{dates.date(report.from)}</Table.Td>
                  <Table.Td>{dates.date(report.to)}</Table.Td>
                  <Table.Td>{report.frozenByName}</Table.Td>
                  <Table.Td>
                    <Code>{report.sha256.slice(0, 16)}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => download.mutate(report.id)}>
                        {t('stats.report.download')}
                      </Button>
                      <Button size="xs" variant="subtle" onClick={() => verify.mutate(report.id)}>
                        {t('stats.report.verify')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {verify.data && (
          <Alert color={verify.data.unchanged ? 'teal' : 'orange'} variant="light" role="status">
            <Text size="sm">
              {verify.data.unchanged
                ? t('stats.report.unchanged')
                : t('stats.report.changed', { count: verify.data.differences.length })}
            </Text>
            {verify.data.differences.slice(0, 10).map((d) => (
              <Text key={d.figure} size="xs" ff="monospace">
                {d.figure}: {d.frozen} → {d.current}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
    </Paper>
  )
}
