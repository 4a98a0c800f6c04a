import { BarChart, DonutChart } from '@mantine/charts'
import {
  ColorSwatch,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CaseCategory, CaseSource, District } from '../../../shared/schemas/case'
import type { CaseSet } from '../../../shared/schemas/statistics'
import { Dimension, RATES, type Figures, type Rate } from '../../../shared/schemas/statistics'
import { ErrorAlert } from '../components/ErrorAlert'
import { useEnumOptions } from '../cases/options'
import { useDates } from '../format'
import { useLabel } from '../i18n'
import { useSession } from '../status'
import {
  useContracts,
  useDashboard,
  useStatsAccess,
  type Dashboard,
  type DashboardInput,
} from './api'
import { ContractProgressList, ContractsPanel } from './ContractsPanel'
import { Drilldown, type DrillTarget } from './Drilldown'
import { periodOf, type PeriodChoice, type PeriodKind } from './period'
import { ReportsPanel } from './ReportsPanel'

const CATEGORY_COLORS: Record<string, string> = {
  family: 'pink.6',
  expropriation: 'orange.6',
  petition: 'blue.6',
  owners: 'teal.6',
}

/** The cards across the top: a count opens its cases, a rate opens its numerator's. */
const KPIS: (CaseSet | Rate | 'averageDays')[] = [
  'accepted',
  'closed',
  'agreementRate',
  'onTimeRate',
  'averageDays',
  'open',
  'overdue',
  'followUpRate',
]

type Filters = NonNullable<DashboardInput['filters']>

/** Counts of cases: no 0.75 ticks on the axis. */
const WHOLE = { allowDecimals: false }

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`)

function initialChoice(today: Date): PeriodChoice {
  const year = today.getFullYear()
  const month = today.getMonth() + 1
  return {
    kind: 'month',
    year,
    month,
    quarter: Math.ceil(month / 3),
    contract: null,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  }
}

/** 统计 (issue 6 items 4–6): figures of a period with drill-down, contracts and reports. */
export function StatisticsPage() {
  const { t } = useTranslation()
  const access = useStatsAccess()
  const [choice, setChoice] = useState<PeriodChoice>(() => initialChoice(new Date()))
  const [filters, setFilters] = useState<Filters>({})
  const [drill, setDrill] = useState<DrillTarget | null>(null)
  const period = periodOf(choice)
  const dashboard = useDashboard({ period, filters })
  const data = dashboard.data

  const open = access.drilldown
    ? (target: Omit<DrillTarget, 'period' | 'filters'>) => setDrill({ ...target, period, filters })
    : null

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('stats.title')}</Title>
        {dashboard.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
      </Group>
      <PeriodControls
        choice={choice}
        onChange={setChoice}
        filters={filters}
        onFilters={setFilters}
      />
      <ErrorAlert error={dashboard.error} />
      {data && (
        <>
          <PeriodLine data={data} />
          <Kpis figures={data.totals} open={open} />
          <Charts data={data} />
          {data.contracts.length > 0 && <ContractProgressList progress={data.contracts} />}
          <Breakdowns data={data} open={open} />
          {access.reports && (
            <ReportsPanel
              period={period}
              contractId={choice.kind === 'contract' ? (choice.contract?.id ?? null) : null}
            />
          )}
          {access.contracts && <ContractsPanel editable={access.editContracts} />}
        </>
      )}
      <Drilldown target={drill} onClose={() => setDrill(null)} />
    </Stack>
  )
}

function PeriodLine({ data }: { data: Dashboard }) {
  const { t } = useTranslation()
  const dates = useDates()
  return (
    <Text c="dimmed" size="sm" data-testid="stats-period">
      {t('stats.period.range', {
        from: dates.date(data.period.from),
        to: dates.date(data.period.to),
        asOf: dates.date(data.period.asOf),
      })}
    </Text>
  )
}

function PeriodControls({
  choice,
  onChange,
  filters,
  onFilters,
}: {
  choice: PeriodChoice
  onChange: (next: PeriodChoice) => void
  filters: Filters
  onFilters: (next: Filters) => void
}) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const access = useStatsAccess()
  const contracts = useContracts(access.contracts)
  const kinds: PeriodKind[] = [
    'month',
    'quarter',
    'year',
    ...(access.contracts ? (['contract'] as const) : []),
    'custom',
  ]
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...choice, ...patch })
  return (
    <Paper withBorder p="sm">
      <Group align="flex-end" gap="md">
        <SegmentedControl
          aria-label={t('stats.period.label')}
          value={choice.kind}
          onChange={(kind) => set({ kind: kind as PeriodKind })}
          data={kinds.map((kind) => ({ value: kind, label: t(`stats.period.${kind}`) }))}
        />
        {(choice.kind === 'month' || choice.kind === 'quarter' || choice.kind === 'year') && (
          <NumberInput
            w={100}
            label={t('stats.period.yearOf')}
            value={choice.year}
            min={2000}
            max={2100}
            onChange={(value) => typeof value === 'number' && set({ year: value })}
          />
        )}
        {choice.kind === 'month' && (
          <Select
            w={110}
            label={t('stats.period.monthOf')}
            value={String(choice.month)}
            allowDeselect={false}
            onChange={(value) => value && set({ month: Number(value) })}
            data={Array.from({ length: 12 }, (_, i) => ({
              value: String(i + 1),
              label: t('stats.period.monthN', { n: i + 1 }),
            }))}
          />
        )}
        {choice.kind === 'quarter' && (
          <Select
            w={130}
            label={t('stats.period.quarterOf')}
            value={String(choice.quarter)}
            allowDeselect={false}
            onChange={(value) => value && set({ quarter: Number(value) })}
            data={[1, 2, 3, 4].map((n) => ({
              value: String(n),
              label: t('stats.period.quarterN', { n }),
            }))}
          />
        )}
        {choice.kind === 'contract' && (
          <Select
            w={280}
            label={t('stats.period.pickContract')}
            placeholder={contracts.data?.length ? undefined : t('stats.period.noContract')}
            data={(contracts.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
            value={choice.contract?.id ?? null}
            onChange={(id) => {
              const contract = contracts.data?.find((c) => c.id === id)
              if (contract)
                set({ contract: { id: contract.id, from: contract.from, to: contract.to } })
            }}
          />
        )}
        {choice.kind === 'custom' && (
          <>
            <TextInput
              type="date"
              label={t('stats.period.from')}
              value={choice.from}
              onChange={(e) => e.currentTarget.value && set({ from: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('stats.period.to')}
              value={choice.to}
              onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })}
            />
          </>
        )}
      </Group>
      <Group align="flex-end" gap="md" mt="sm">
        <Select
          w={170}
          clearable
          label={t('stats.dimension.category')}
          placeholder={t('stats.filter.allCategories')}
          data={options(CaseCategory.options, 'workflow.category')}
          value={filters.category ?? null}
          onChange={(value) => onFilters({ ...filters, category: (value ?? undefined) as never })}
        />
        <Select
          w={140}
          clearable
          label={t('stats.dimension.district')}
          placeholder={t('stats.filter.allDistricts')}
          data={options(District.options, 'case.district')}
          value={filters.district ?? null}
          onChange={(value) => onFilters({ ...filters, district: (value ?? undefined) as never })}
        />
        <Select
          w={150}
          clearable
          label={t('stats.dimension.source')}
          placeholder={t('stats.filter.allSources')}
          data={options(CaseSource.options, 'case.source')}
          value={filters.source ?? null}
          onChange={(value) => onFilters({ ...filters, source: (value ?? undefined) as never })}
        />
      </Group>
    </Paper>
  )
}

type Open = ((target: Omit<DrillTarget, 'period' | 'filters'>) => void) | null

function Kpis({ figures, open }: { figures: Figures; open: Open }) {
  const { t } = useTranslation()
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      {KPIS.map((kpi) => {
        const rate = kpi in RATES ? RATES[kpi as Rate] : null
        const set: CaseSet | null = rate
          ? rate.of
          : kpi === 'averageDays'
            ? 'closed'
            : (kpi as CaseSet)
        const value =
          rate !== null
            ? percent(figures.rates[kpi as Rate])
            : kpi === 'averageDays'
              ? (figures.averageDays?.toFixed(1) ?? '—')
              : String(figures.counts[kpi as CaseSet])
        const body = (
          <Paper withBorder p="md" h="100%" data-testid={`kpi-${kpi}`}>
            <Text size="sm" c="dimmed">
              {t(`stats.figure.${kpi}`)}
            </Text>
            <Text
              fz={28}
              fw={700}
              c={kpi === 'overdue' && figures.counts.overdue > 0 ? 'red.8' : undefined}
            >
              {value}
            </Text>
            {rate && (
              <Text size="xs" c="dimmed">
                {figures.counts[rate.of]} / {figures.counts[rate.per]}
              </Text>
            )}
          </Paper>
        )
        return open && set ? (
          <UnstyledButton key={kpi} onClick={() => open({ set })} title={t('stats.kpiHint')}>
            {body}
          </UnstyledButton>
        ) : (
          <div key={kpi}>{body}</div>
        )
      })}
    </SimpleGrid>
  )
}

function Charts({ data }: { data: Dashboard }) {
  const { t } = useTranslation()
  const label = useLabel()
  const months = data.breakdowns.month.map((row) => ({
    month: row.key,
    accepted: row.figures.counts.accepted,
    closed: row.figures.counts.closed,
  }))
  const categories = data.breakdowns.category
    .filter((row) => row.figures.counts.accepted > 0)
    .map((row) => ({
      name: label(`workflow.category.${row.key}`),
      value: row.figures.counts.accepted,
      color: CATEGORY_COLORS[row.key] ?? 'gray.6',
    }))
  const accepted = (dimension: 'district' | 'source', prefix: string) =>
    data.breakdowns[dimension]
      .filter((row) => row.figures.counts.accepted > 0)
      .map((row) => ({ key: label(`${prefix}.${row.key}`), accepted: row.figures.counts.accepted }))
  const series = [
    { name: 'accepted', label: t('stats.figure.accepted'), color: 'blue.6' },
    { name: 'closed', label: t('stats.figure.closed'), color: 'teal.6' },
  ]
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
      <ChartCard title={t('stats.chart.byMonth')}>
        {months.length ? (
          <BarChart
            h={220}
            data={months}
            dataKey="month"
            series={series}
            withLegend
            yAxisProps={WHOLE}
          />
        ) : (
          <NoData />
        )}
      </ChartCard>
      <ChartCard title={t('stats.chart.byCategory')}>
        {categories.length ? (
          <Group justify="center" gap="xl">
            <DonutChart h={220} data={categories} withLabels withLabelsLine withTooltip />
            <Stack gap={6} aria-hidden>
              {categories.map((c) => (
                <Group key={c.name} gap={6} wrap="nowrap">
                  <ColorSwatch
                    color={`var(--mantine-color-${c.color.replace('.', '-')})`}
                    size={12}
                  />
                  <Text size="sm">
                    {c.name} {c.value}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        ) : (
          <NoData />
        )}
      </ChartCard>
      <ChartCard title={t('stats.chart.byDistrict')}>
        <BarChart
          h={220}
          data={accepted('district', 'case.district')}
          dataKey="key"
          series={series.slice(0, 1)}
          yAxisProps={WHOLE}
        />
      </ChartCard>
      <ChartCard title={t('stats.chart.bySource')}>
        <BarChart
          h={220}
          data={accepted('source', 'case.source')}
          dataKey="key"
          series={series.slice(0, 1)}
          yAxisProps={WHOLE}
        />
      </ChartCard>
    </SimpleGrid>
  )
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  )
}

function NoData() {
  const { t } = useTranslation()
  return (
    <Text c="dimmed" size="sm">
      {t('stats.noData')}
    </Text>
  )
}

/** Sets shown as columns of the breakdown tables (rates follow). */
const TABLE_SETS: CaseSet[] = [
  'accepted',
  'closed',
  'agreed',
  'onTime',
  'open',
  'overdue',
  'followUpDue',
  'followedUp',
]

function Breakdowns({ data, open }: { data: Dashboard; open: Open }) {
  const { t } = useTranslation()
  const label = useLabel()
  const session = useSession()
  const dimensions = Dimension.options.filter(
    (d) => session.user.role !== 'mediator' || d !== 'mediator',
  )
  const keyLabel = (
    dimension: (typeof Dimension.options)[number],
    key: string,
    given: string | null,
  ) => {
    if (given !== null) return given
    const prefix = {
      category: 'workflow.category',
      stage: 'workflow.stage',
      district: 'case.district',
      source: 'case.source',
    }[dimension as 'category']
    return prefix ? label(`${prefix}.${key}`) : key
  }
  return (
    <Paper withBorder p="md" component="section" aria-label={t('stats.chart.workload')}>
      <Tabs defaultValue="mediator" keepMounted={false}>
        <Tabs.List>
          {dimensions.map((d) => (
            <Tabs.Tab key={d} value={d}>
              {d === 'mediator' ? t('stats.chart.workload') : t(`stats.dimension.${d}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {dimensions.map((dimension) => (
          <Tabs.Panel key={dimension} value={dimension} pt="sm">
            {data.breakdowns[dimension].length === 0 ? (
              <NoData />
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t(`stats.dimension.${dimension}`)}</Table.Th>
                      {TABLE_SETS.map((set) => (
                        <Table.Th key={set} ta="right">
                          {t(`stats.figure.${set}`)}
                        </Table.Th>
                      ))}
                      <Table.Th ta="right">{t('stats.figure.agreementRate')}</Table.Th>
                      <Table.Th ta="right">{t('stats.figure.onTimeRate')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.breakdowns[dimension].map((row) => (
                      <Table.Tr key={row.key}>
                        <Table.Td>{keyLabel(dimension, row.key, row.label)}</Table.Td>
                        {TABLE_SETS.map((set) => {
                          const count = row.figures.counts[set]
                          return (
                            <Table.Td key={set} ta="right">
                              {open && count > 0 ? (
                                <UnstyledButton
                                  c="blue.8"
                                  td="underline"
                                  onClick={() =>
                                    open({
                                      set,
                                      group: {
                                        dimension,
                                        key: row.key,
                                        label: keyLabel(dimension, row.key, row.label),
                                      },
                                    })
                                  }
                                >
                                  {count}
                                </UnstyledButton>
                              ) : (
                                count
                              )}
                            </Table.Td>
                          )
                        })}
                        <Table.Td ta="right">{percent(row.figures.rates.agreementRate)}</Table.Td>
                        <Table.Td ta="right">{percent(row.figures.rates.onTimeRate)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Paper>
  )
}
