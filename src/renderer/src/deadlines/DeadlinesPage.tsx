import { Badge, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CaseCategory } from '../../../shared/schemas/case'
import { ErrorAlert } from '../components/ErrorAlert'
import { useDeadlineBoard } from '../cases/api'
import { CategoryBadge } from '../cases/badges'
import { clockColor } from '../caseFile/ClocksTab'
import { useDates } from '../format'
import { routeHref } from '../frame/pages'
import { useLabel } from '../i18n'

type Row = NonNullable<ReturnType<typeof useDeadlineBoard>['data']>[number]
const SECTIONS = ['overdue', 'soon', 'later'] as const
type Section = (typeof SECTIONS)[number]

/** The board's three questions: what is late, what falls due within 3 days, what comes later. */
const SOON_DAYS = 3
function sectionOf(row: Row): Section {
  if (row.clock.status === 'overdue') return 'overdue'
  return row.clock.daysLeft <= SOON_DAYS ? 'soon' : 'later'
}

export function DeadlinesPage() {
  const { t } = useTranslation()
  const board = useDeadlineBoard()
  const [mediator, setMediator] = useState<string | null>(null)
  const running = (board.data ?? []).filter((row) => row.clock.status !== 'done')
  // The board's own rows are the list of lead mediators to filter by.
  const mediators = [...new Map(running.map((row) => [row.leadMediatorId, row.leadMediatorName]))]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'))
  const rows = running
    .filter((row) => !mediator || row.leadMediatorId === mediator)
    .sort((a, b) => a.clock.due.localeCompare(b.clock.due))

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('deadlines.title')}</Title>
        <Select
          w={200}
          clearable
          label={t('deadlines.mediator')}
          placeholder={t('deadlines.allMediators')}
          data={mediators}
          value={mediator}
          onChange={setMediator}
        />
      </Group>
      <ErrorAlert error={board.error} />
      {board.isPending && <Loader aria-label={t('common.loading')} />}
      {board.isSuccess &&
        SECTIONS.map((section) => (
          <DeadlineSection
            key={section}
            section={section}
            rows={rows.filter((row) => sectionOf(row) === section)}
          />
        ))}
    </Stack>
  )
}

function DeadlineSection({ section, rows }: { section: Section; rows: Row[] }) {
  const { t } = useTranslation()
  const label = useLabel()
  const dates = useDates()
  const headingId = `deadlines-${section}`
  return (
    <Paper withBorder p="md" aria-labelledby={headingId} component="section">
      <Group gap="xs" mb="sm">
        <Title order={4} id={headingId} c={section === 'overdue' ? 'red.9' : undefined}>
          {t(`deadlines.section.${section}`)}
        </Title>
        <Badge color={section === 'overdue' ? 'red' : 'gray'} variant="light">
          {rows.length}
        </Badge>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('deadlines.none')}
        </Text>
      ) : (
        // Fixed widths: the three sections' columns line up under one another.
        <Table highlightOnHover layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>{t('cases.column.number')}</Table.Th>
              <Table.Th w={150}>{t('cases.column.category')}</Table.Th>
              <Table.Th>{t('clocks.name')}</Table.Th>
              <Table.Th w={140}>{t('clocks.due')}</Table.Th>
              <Table.Th w={120}>{t('clocks.daysLeft')}</Table.Th>
              <Table.Th w={130}>{t('cases.column.mediator')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const category = CaseCategory.safeParse(row.category)
              return (
                <Table.Tr key={`${row.caseId}-${row.clock.clockId}-${row.clock.start}`}>
                  <Table.Td>
                    <a
                      href={routeHref(
                        'cases',
                        [row.caseId],
                        new URLSearchParams({ tab: 'clocks' }),
                      )}
                    >
                      {row.number}
                    </a>
                  </Table.Td>
                  <Table.Td>
                    {category.success && <CategoryBadge category={category.data} size="sm" />}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{label(`workflow.clock.${row.clock.clockId}`)}</Text>
                    <Text size="xs" c="dimmed">
                      {row.clock.source}
                    </Text>
                  </Table.Td>
                  <Table.Td>{dates.dateTime(row.clock.due)}</Table.Td>
                  <Table.Td>
                    <Badge color={clockColor(row.clock)} variant="light">
                      {row.clock.daysLeft < 0
                        ? t('clocks.daysOverdue', { count: -row.clock.daysLeft })
                        : t('clocks.days', { count: row.clock.daysLeft })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{row.leadMediatorName}</Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}
