import { Button, Group, Loader, Modal, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseSet, Dimension } from '../../../shared/schemas/statistics'
import { ErrorAlert } from '../components/ErrorAlert'
import { CategoryBadge, StageBadge } from '../cases/badges'
import { useDates } from '../format'
import { routeHref } from '../frame/pages'
import { useLabel } from '../i18n'
import { useDrilldown, type DashboardInput } from './api'

export interface DrillTarget {
  period: DashboardInput['period']
  filters: DashboardInput['filters']
  set: CaseSet
  group?: { dimension: Dimension; key: string; label: string }
}

const PAGE = 100

/** The cases behind one figure, from the same definition the figure was counted with. */
export function Drilldown({
  target,
  onClose,
}: {
  target: DrillTarget | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [limit, setLimit] = useState(PAGE)
  const input = target
    ? {
        period: target.period,
        filters: target.filters,
        set: target.set,
        ...(target.group
          ? { group: { dimension: target.group.dimension, key: target.group.key } }
          : {}),
        limit,
      }
    : null
  const page = useDrilldown(input)
  const close = () => {
    setLimit(PAGE)
    onClose()
  }
  const title = target
    ? [
        t('stats.drilldown.title', {
          figure: t(`stats.figure.${target.set}`),
          count: page.data?.total ?? 0,
        }),
        target.group
          ? t('stats.drilldown.group', {
              dimension: t(`stats.dimension.${target.group.dimension}`),
              key: target.group.label,
            })
          : null,
      ]
        .filter(Boolean)
        .join(' · ')
    : ''
  return (
    <Modal opened={target !== null} onClose={close} title={title} size="xl">
      <ErrorAlert error={page.error} />
      {page.isPending && target && <Loader aria-label={t('common.loading')} />}
      {page.data && page.data.rows.length === 0 && (
        <Text c="dimmed">{t('stats.drilldown.empty')}</Text>
      )}
      {page.data && page.data.rows.length > 0 && <Rows rows={page.data.rows} />}
      {page.data && page.data.rows.length < page.data.total && (
        <Group justify="center" mt="sm">
          <Button
            variant="light"
            onClick={() => setLimit((n) => Math.min(n + PAGE, 500))}
            disabled={limit >= 500}
          >
            {t('stats.drilldown.more')}
          </Button>
        </Group>
      )}
    </Modal>
  )
}

type Row = NonNullable<ReturnType<typeof useDrilldown>['data']>['rows'][number]

function Rows({ rows }: { rows: Row[] }) {
  const { t } = useTranslation()
  const label = useLabel()
  const dates = useDates()
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped data-testid="drilldown-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stats.case.number')}</Table.Th>
            <Table.Th>{t('stats.case.category')}</Table.Th>
            <Table.Th>{t('stats.case.stage')}</Table.Th>
            <Table.Th>{t('stats.case.district')}</Table.Th>
            <Table.Th>{t('stats.case.acceptedAt')}</Table.Th>
            <Table.Th>{t('stats.case.closedOn')}</Table.Th>
            <Table.Th>{t('stats.case.leadMediator')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                <a href={routeHref('cases', [row.id])}>{row.number}</a>
              </Table.Td>
              <Table.Td>
                <CategoryBadge category={row.category} size="sm" />
              </Table.Td>
              <Table.Td>
                <StageBadge stage={row.stage} size="sm" />
              </Table.Td>
              <Table.Td>{label(`case.district.${row.district}`)}</Table.Td>
              <Table.Td>{dates.date(row.acceptedAt)}</Table.Td>
              <Table.Td>{dates.date(row.closedOn)}</Table.Td>
              <Table.Td>{row.leadMediatorName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
