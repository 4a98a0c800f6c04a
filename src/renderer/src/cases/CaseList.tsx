import {
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../components/ErrorAlert'
import { useDates } from '../format'
import { navigate, routeHref, useRoute } from '../frame/pages'
import { useCaseList, type CaseFilter, type CaseSummary } from './api'
import { CaseFilters } from './CaseFilters'
import { ImportLedgerButton } from '../import/ImportLedger'
import { useIsCaseWorker } from './access'
import { CategoryBadge, StageBadge } from './badges'
import { filterFromParams, paramsFromFilter } from './filter'
import { CaseExportButton } from '../statistics/CaseExport'
import classes from './CaseList.module.css'

const ROW_HEIGHT = 44
type SortKey = NonNullable<CaseFilter['sort']>
const COLUMNS = [
  ['number', 'number'],
  ['category', null],
  ['stage', null],
  ['summary', null],
  ['district', null],
  ['mediator', null],
  ['acceptedAt', 'acceptedAt'],
  ['nextDue', 'nextDue'],
] as const satisfies readonly (readonly [string, SortKey | null])[]

/**
 * The case list (issue 3, item 8): filters in the URL, rows fetched a page at a time as the
 * user scrolls, and only the rows in view rendered, so 100,000 cases scroll like 100.
 */
export function CaseList() {
  const { t } = useTranslation()
  const caseWorker = useIsCaseWorker()
  const route = useRoute()
  const filter = filterFromParams(route.params)
  const list = useCaseList(filter)
  const rows = list.data?.pages.flatMap((page) => page.rows) ?? []
  const total = list.data?.pages[0]?.total ?? 0
  const setFilter = (next: CaseFilter) =>
    navigate(routeHref('cases', [], paramsFromFilter(next)), { replace: true })

  const scroller = useRef<HTMLDivElement>(null)
  // TanStack Virtual hands back functions React Compiler cannot memoize; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const lastShown = items.at(-1)?.index ?? -1
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastShown >= rows.length - 1 - 20) {
      void fetchNextPage()
    }
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastShown, rows.length])

  const sortBy = (key: SortKey) =>
    setFilter({
      ...filter,
      sort: key,
      direction: filter.sort === key && filter.direction === 'desc' ? 'asc' : 'desc',
    })

  return (
    <Stack h="calc(100vh - 56px - 2 * var(--mantine-spacing-lg))" gap="sm">
      <Group justify="space-between">
        <Group gap="sm" align="baseline">
          <Title order={2}>{t('cases.title')}</Title>
          {list.data && (
            <Text c="dimmed" size="sm" data-testid="case-count">
              {t('cases.count', { count: total })}
            </Text>
          )}
        </Group>
        <Group gap="sm">
          <CaseExportButton filter={filter} count={total ?? 0} />
          <ImportLedgerButton />
          {caseWorker && (
            <Button component="a" href={routeHref('cases', ['new'])}>
              {t('cases.new')}
            </Button>
          )}
        </Group>
      </Group>
      <CaseFilters filter={filter} onChange={setFilter} />
      <ErrorAlert error={list.error} />
      <Paper
        withBorder
        className={classes.table}
        role="table"
        aria-label={t('cases.title')}
        aria-rowcount={total + 1}
      >
        <div role="rowgroup">
          <div role="row" className={`${classes.row} ${classes.head}`} aria-rowindex={1}>
            {COLUMNS.map(([column, sortKey]) => (
              <div
                key={column}
                role="columnheader"
                className={classes.cell}
                aria-sort={
                  sortKey && filter.sort === sortKey
                    ? filter.direction === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined
                }
              >
                {sortKey ? (
                  <UnstyledButton fw={600} fz="sm" onClick={() => sortBy(sortKey)}>
                    {t(`cases.column.${column}`)}
                    {filter.sort === sortKey && (filter.direction === 'asc' ? ' ↑' : ' ↓')}
                  </UnstyledButton>
                ) : (
                  t(`cases.column.${column}`)
                )}
              </div>
            ))}
          </div>
        </div>
        <div ref={scroller} className={classes.body} role="rowgroup">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]
              return row ? (
                <CaseRow
                  key={row.id}
                  row={row}
                  index={item.index}
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                />
              ) : null
            })}
          </div>
          {list.isPending && (
            <Group justify="center" p="md">
              <Loader aria-label={t('common.loading')} />
            </Group>
          )}
          {list.isSuccess && rows.length === 0 && (
            <Text c="dimmed" ta="center" p="xl">
              {t('cases.empty')}
            </Text>
          )}
        </div>
      </Paper>
      {hasNextPage && (
        <Group justify="center">
          <Button
            variant="subtle"
            loading={isFetchingNextPage}
            onClick={() => void fetchNextPage()}
          >
            {t('cases.loadMore', { shown: rows.length, total })}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

function CaseRow({
  row,
  index,
  style,
}: {
  row: CaseSummary
  index: number
  style: React.CSSProperties
}) {
  const { t } = useTranslation()
  const dates = useDates()
  const href = routeHref('cases', [row.id])
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={classes.row}
      style={style}
      data-overdue={row.overdue || undefined}
      onClick={(event) => {
        // The case number is the row's real link; a click elsewhere on the row does the same.
        if (!(event.target instanceof HTMLAnchorElement)) navigate(href)
      }}
    >
      <div role="cell" className={classes.cell}>
        <a href={href} className={classes.number}>
          {row.number}
        </a>
      </div>
      <div role="cell" className={classes.cell}>
        <CategoryBadge category={row.category} />
      </div>
      <div role="cell" className={classes.cell}>
        <StageBadge stage={row.stage} />
      </div>
      <div role="cell" className={classes.cell}>
        <Text size="sm" truncate="end" title={row.summary}>
          {row.summary}
        </Text>
      </div>
      <div role="cell" className={classes.cell}>
        {t(`case.district.${row.district}`)}
      </div>
      <div role="cell" className={classes.cell}>
        <Text size="sm" truncate="end">
          {row.leadMediatorName}
        </Text>
      </div>
      <div role="cell" className={classes.cell}>
        {dates.date(row.acceptedAt)}
      </div>
      <div role="cell" className={classes.cell}>
        {row.nextDue &&
          (row.overdue ? (
            <Group gap={4} wrap="nowrap">
              <Text size="sm" c="red.9" fw={600}>
                {dates.date(row.nextDue)}
              </Text>
              <Badge color="red" size="xs" variant="filled">
                {t('cases.overdue')}
              </Badge>
            </Group>
          ) : (
            dates.date(row.nextDue)
          ))}
      </div>
    </div>
  )
}
