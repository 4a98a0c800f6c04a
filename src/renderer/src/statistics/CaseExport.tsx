import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PersonalDataView } from '../../../shared/domain/masking'
import { ExportColumn } from '../../../shared/schemas/statistics'
import type { CaseFilter } from '../cases/api'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { useSession } from '../status'
import { saveFile } from './api'

const DEFAULT_COLUMNS: ExportColumn[] = [
  'number',
  'category',
  'stage',
  'source',
  'district',
  'acceptedAt',
  'closedOn',
  'leadMediator',
  'parties',
]

type State =
  | { step: 'choose' }
  | { step: 'running'; done: number; total: number }
  | { step: 'done'; total: number; fileName: string }
  | { step: 'cancelled' }

/**
 * 导出 on the case list: the current filters to XLSX or CSV, chosen columns, a masking choice.
 * The core builds the file a chunk per request, so progress is real and cancel stops it.
 */
export function CaseExportButton({ filter, count }: { filter: CaseFilter; count: number }) {
  const { t } = useTranslation()
  const { role } = useSession().user
  const auditor = role === 'auditor'
  const [opened, setOpened] = useState(false)
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx')
  const [columns, setColumns] = useState<string[]>(DEFAULT_COLUMNS)
  const [view, setView] = useState<PersonalDataView>(auditor ? 'masked' : 'full')
  const [includeRestricted, setIncludeRestricted] = useState(false)
  const [state, setState] = useState<State>({ step: 'choose' })
  const [error, setError] = useState<unknown>(null)
  const cancelled = useRef(false)
  const running = state.step === 'running'

  const start = async () => {
    cancelled.current = false
    setError(null)
    try {
      let progress = await call(
        concord().exports.begin({
          query: filter,
          format,
          columns: ExportColumn.options.filter((c) => columns.includes(c)),
          view,
          includeRestricted,
        }),
      )
      setState({ step: 'running', done: progress.done, total: progress.total })
      while (progress.done < progress.total) {
        if (cancelled.current) {
          await call(concord().exports.cancel({ exportId: progress.exportId }))
          setState({ step: 'cancelled' })
          return
        }
        progress = await call(concord().exports.next({ exportId: progress.exportId }))
        setState({ step: 'running', done: progress.done, total: progress.total })
      }
      const file = await call(concord().exports.finish({ exportId: progress.exportId }))
      saveFile(file)
      setState({ step: 'done', total: progress.total, fileName: file.fileName })
    } catch (caught) {
      setError(caught)
      setState({ step: 'choose' })
    }
  }

  const close = () => {
    if (running) return
    setOpened(false)
    setState({ step: 'choose' })
  }

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('stats.export.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('stats.export.title')}
        size="lg"
        closeOnClickOutside={!running}
      >
        <Stack>
          <Text size="sm">{t('stats.export.intro', { count })}</Text>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('stats.export.format')}
            </Text>
            <SegmentedControl
              disabled={running}
              value={format}
              onChange={(value) => setFormat(value as 'xlsx' | 'csv')}
              data={[
                { value: 'xlsx', label: 'Excel (XLSX)' },
                { value: 'csv', label: 'CSV' },
              ]}
            />
          </div>
          <Checkbox.Group label={t('stats.export.columns')} value={columns} onChange={setColumns}>
            <SimpleGrid cols={3} mt={6} spacing={6}>
              {ExportColumn.options.map((column) => (
                <Checkbox
                  key={column}
                  value={column}
                  label={t(`stats.export.column.${column}`)}
                  disabled={running}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('stats.export.view')}
            </Text>
            <SegmentedControl
              disabled={running}
              value={view}
              onChange={(value) => setView(value as PersonalDataView)}
              data={[
                { value: 'full', label: t('stats.export.viewFull'), disabled: auditor },
                { value: 'masked', label: t('stats.export.viewMasked') },
                { value: 'deidentified', label: t('stats.export.viewDeidentified') },
              ]}
            />
            {auditor && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('stats.export.auditorMasked')}
              </Text>
            )}
          </div>
          {!auditor && (
            <Checkbox
              disabled={running || !columns.includes('records')}
              checked={includeRestricted}
              onChange={(e) => setIncludeRestricted(e.currentTarget.checked)}
              label={t('stats.export.includeRestricted')}
              description={t('stats.export.includeRestrictedHint')}
            />
          )}
          {state.step === 'running' && (
            <Stack gap={4}>
              <Progress
                value={state.total ? (state.done / state.total) * 100 : 0}
                animated
                aria-label={t('stats.export.progress', { done: state.done, total: state.total })}
              />
              <Text size="sm" role="status">
                {t('stats.export.progress', { done: state.done, total: state.total })}
              </Text>
            </Stack>
          )}
          {state.step === 'done' && (
            <Alert color="teal" variant="light" role="status">
              {t('stats.export.done', { total: state.total, file: state.fileName })}
            </Alert>
          )}
          {state.step === 'cancelled' && (
            <Alert color="gray" variant="light" role="status">
              {t('stats.export.cancelled')}
            </Alert>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            {running ? (
              <Button color="red" variant="light" onClick={() => (cancelled.current = true)}>
                {t('stats.export.cancel')}
              </Button>
            ) : (
              <>
                <Button variant="default" onClick={close}>
                  {t('stats.export.close')}
                </Button>
                <Button onClick={() => void start()} disabled={columns.length === 0}>
                  {t('stats.export.start')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
