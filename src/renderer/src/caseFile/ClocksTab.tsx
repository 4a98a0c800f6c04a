import {
  Badge,
  Button,
  Fieldset,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IsoDate, IsoDateTime } from '../../../shared/domain/iso-date'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { isFieldEvent } from '../../../shared/domain/workflow/field-events'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useDates } from '../format'
import { useLabel } from '../i18n'
import { useFieldMessages } from '../validation'
import { ExtendClockModal, PauseClockModal } from './ClockAdjustModal'
import { WriteError } from './WriteError'

type ClockView = CaseFile['clocks'][number]
const CLOCK_COLOR: Record<ClockView['status'], string> = {
  running: 'indigo',
  dueSoon: 'orange',
  overdue: 'red',
  done: 'gray',
}

/** Red is for a statutory deadline missed; a practice target passed is a prompt, in orange. */
export function clockColor(clock: Pick<ClockView, 'status' | 'kind'>): string {
  return clock.status === 'overdue' && clock.kind === 'practice'
    ? 'orange'
    : CLOCK_COLOR[clock.status]
}

/** Start events of the category's clocks; an hour-counted clock needs the time as well. */
function startEvents(file: CaseFile) {
  const events = new Map<string, boolean>()
  for (const clock of WORKFLOWS[file.category].clocks) {
    if (isFieldEvent(clock.startEvent)) continue
    events.set(clock.startEvent, (events.get(clock.startEvent) ?? false) || clock.unit === 'hours')
  }
  return [...events].map(([id, withTime]) => ({ id, withTime }))
}

/** Every clock of the case (issue 3, item 6) with its legal source, and how to start one. */
export function ClocksTab({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const label = useLabel()
  const dates = useDates()
  const messages = useFieldMessages()
  const record = useCaseWrite(file, 'cases.recordEvent')
  const events = startEvents(file)
  const [event, setEvent] = useState<string | null>(null)
  const [at, setAt] = useState('')
  const [error, setError] = useState<string | undefined>()
  const withTime = events.find((e) => e.id === event)?.withTime ?? false
  const [adjusting, setAdjusting] = useState<{ kind: 'pause' | 'extend'; clock: ClockView }>()

  const submit = () => {
    if (!event) return
    const result = (withTime ? IsoDateTime : IsoDate).safeParse(at)
    if (!result.success) {
      setError(Object.values(messages.fromIssues(result.error.issues))[0])
      return
    }
    setError(undefined)
    record.mutate({ event, at: result.data }, { onSuccess: () => setAt('') })
  }

  return (
    <Stack>
      <Paper withBorder>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clocks.name')}</Table.Th>
              <Table.Th>{t('clocks.source')}</Table.Th>
              <Table.Th>{t('clocks.start')}</Table.Th>
              <Table.Th>{t('clocks.due')}</Table.Th>
              <Table.Th>{t('clocks.daysLeft')}</Table.Th>
              <Table.Th>{t('clocks.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {file.clocks.map((clock) => (
              <Table.Tr key={`${clock.clockId}-${clock.start}`}>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" fw={500}>
                      {label(`workflow.clock.${clock.clockId}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`case.clockKind.${clock.kind}`)} ·{' '}
                      {label(`workflow.obligor.${clock.obligor}`)}
                    </Text>
                    <Adjustments clock={clock} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{clock.source}</Text>
                </Table.Td>
                <Table.Td>{dates.dateTime(clock.start)}</Table.Td>
                <Table.Td>{dates.dateTime(clock.due)}</Table.Td>
                <Table.Td c={clockColor(clock) === 'red' ? 'red.9' : undefined} fw={500}>
                  {clock.status === 'done'
                    ? ''
                    : clock.daysLeft < 0
                      ? t('clocks.daysOverdue', { count: -clock.daysLeft })
                      : t('clocks.days', { count: clock.daysLeft })}
                </Table.Td>
                <Table.Td>
                  <Badge
                    color={clockColor(clock)}
                    variant={clock.status === 'overdue' ? 'filled' : 'light'}
                  >
                    {t(`case.clockStatus.${clock.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {clock.status !== 'done' && (
                    <Group gap={4} wrap="nowrap">
                      {clock.pausable && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setAdjusting({ kind: 'pause', clock })}
                        >
                          {t('clocks.pause')}
                        </Button>
                      )}
                      {clock.extendable && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setAdjusting({ kind: 'extend', clock })}
                        >
                          {t('clocks.extend')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {file.clocks.length === 0 && (
          <Text c="dimmed" ta="center" p="lg">
            {t('clocks.empty')}
          </Text>
        )}
      </Paper>
      <Fieldset legend={t('clocks.record')}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('clocks.recordHint')}
          </Text>
          <Group align="flex-start">
            <Select
              w={320}
              label={t('clocks.event')}
              data={events.map((e) => ({ value: e.id, label: label(`workflow.event.${e.id}`) }))}
              value={event}
              onChange={(value) => {
                setEvent(value)
                setAt('')
              }}
            />
            <TextInput
              type={withTime ? 'datetime-local' : 'date'}
              label={t('clocks.at')}
              value={at}
              error={error}
              disabled={!event}
              onChange={(e) => setAt(e.currentTarget.value)}
            />
            <Button mt={25} onClick={submit} disabled={!event || !at} loading={record.isPending}>
              {t('clocks.recordButton')}
            </Button>
          </Group>
          <WriteError error={record.error} caseId={file.id} onReloaded={record.reset} />
        </Stack>
      </Fieldset>
      {adjusting?.kind === 'pause' && (
        <PauseClockModal
          file={file}
          clock={adjusting.clock}
          onClose={() => setAdjusting(undefined)}
        />
      )}
      {adjusting?.kind === 'extend' && (
        <ExtendClockModal
          file={file}
          clock={adjusting.clock}
          onClose={() => setAdjusting(undefined)}
        />
      )}
    </Stack>
  )
}

/** The pauses and extensions recorded on a clock, under its name. */
function Adjustments({ clock }: { clock: ClockView }) {
  const { t } = useTranslation()
  const label = useLabel()
  const dates = useDates()
  const unit = label(`clocks.unit.${clock.unit}`)
  return (
    <>
      {clock.pauses.map((p) => (
        <Text key={p.id} size="xs">
          {t('clocks.paused', {
            from: dates.dateTime(p.from),
            to: dates.dateTime(p.to),
            reason: p.reason,
            by: p.recordedByName,
          })}
        </Text>
      ))}
      {clock.extensions.map((e) => (
        <Text key={e.id} size="xs">
          {t('clocks.extended', {
            length: String(e.length),
            unit,
            reason: e.reason,
            approver: e.approvedByName,
          })}
        </Text>
      ))}
    </>
  )
}
