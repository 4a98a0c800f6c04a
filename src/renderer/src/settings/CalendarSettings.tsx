import {
  ActionIcon,
  Badge,
  Button,
  Fieldset,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelOutput } from '../../../shared/contract'
import { IsoDate } from '../../../shared/domain/iso-date'
import { OverrideKind } from '../../../shared/schemas/calendar'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { useDates } from '../format'
import { useSession } from '../status'

const CALENDAR_KEY = ['calendar'] as const
type CalendarView = ChannelOutput<'calendar.get'>

/**
 * 节假日: the shipped State Council holiday years (checked against the notice or not) and an
 * administrator's corrections of single days, which every clock is counted with.
 */
export function CalendarSettings() {
  const { t } = useTranslation()
  const calendar = useQuery({
    queryKey: CALENDAR_KEY,
    queryFn: () => call(concord().calendar.get()),
  })
  return (
    <Fieldset legend={t('calendar.title')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('calendar.hint')}
        </Text>
        {calendar.data ? (
          <CalendarTables view={calendar.data} />
        ) : calendar.isError ? (
          <ErrorAlert error={calendar.error} />
        ) : (
          <Loader aria-label={t('common.loading')} />
        )}
      </Stack>
    </Fieldset>
  )
}

function CalendarTables({ view }: { view: CalendarView }) {
  const { t } = useTranslation()
  const dates = useDates()
  const { user } = useSession()
  const editable = user.role === 'admin'
  const client = useQueryClient()
  const onSuccess = (saved: CalendarView) => {
    client.setQueryData(CALENDAR_KEY, saved)
    // Due dates depend on the calendar.
    void client.invalidateQueries({ queryKey: ['cases'] })
    void client.invalidateQueries({ queryKey: ['case'] })
    void client.invalidateQueries({ queryKey: ['deadlines'] })
  }
  const remove = useMutation({
    mutationFn: (date: string) => call(concord().calendar.removeOverride({ date })),
    onSuccess,
  })

  return (
    <Stack>
      <Text size="sm" fw={500}>
        {t('calendar.shipped')}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('calendar.year')}</Table.Th>
            <Table.Th>{t('calendar.version')}</Table.Th>
            <Table.Th>{t('calendar.source')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.years.map((y) => (
            <Table.Tr key={y.year}>
              <Table.Td>{y.year}</Table.Td>
              <Table.Td>{y.version}</Table.Td>
              <Table.Td>
                <Text size="xs">{y.source}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={y.verified ? 'teal' : 'orange'} variant="light">
                  {y.verified ? t('calendar.verified') : t('calendar.unverified')}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={500}>
        {t('calendar.overrides')}
      </Text>
      {view.overrides.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('calendar.noOverrides')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calendar.date')}</Table.Th>
              <Table.Th>{t('calendar.kind')}</Table.Th>
              <Table.Th>{t('calendar.reason')}</Table.Th>
              <Table.Th>{t('calendar.recordedBy')}</Table.Th>
              {editable && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.overrides.map((o) => (
              <Table.Tr key={o.date}>
                <Table.Td>{dates.dateTime(o.date)}</Table.Td>
                <Table.Td>{t(`calendar.kinds.${o.kind}`)}</Table.Td>
                <Table.Td>{o.reason}</Table.Td>
                <Table.Td>{o.recordedByName}</Table.Td>
                {editable && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('calendar.removeLabel', { date: o.date })}
                      loading={remove.isPending && remove.variables === o.date}
                      onClick={() => remove.mutate(o.date)}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={remove.error} />
      {editable && <AddOverride onSaved={onSuccess} />}
    </Stack>
  )
}

function AddOverride({ onSaved }: { onSaved: (view: CalendarView) => void }) {
  const { t } = useTranslation()
  const [date, setDate] = useState('')
  const [kind, setKind] = useState<string | null>('holiday')
  const [reason, setReason] = useState('')
  const add = useMutation({
    mutationFn: () => {
      const parsed = OverrideKind.parse(kind)
      return call(concord().calendar.setOverride({ date, kind: parsed, reason: reason.trim() }))
    },
    onSuccess: (saved) => {
      onSaved(saved)
      setDate('')
      setReason('')
    },
  })
  const ready =
    IsoDate.safeParse(date).success && OverrideKind.safeParse(kind).success && reason.trim() !== ''
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('calendar.date')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        <Select
          w={140}
          label={t('calendar.kind')}
          data={OverrideKind.options.map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
        />
        <TextInput
          style={{ flex: 1 }}
          label={t('calendar.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Button onClick={() => add.mutate()} disabled={!ready} loading={add.isPending}>
          {t('calendar.add')}
        </Button>
      </Group>
      <ErrorAlert error={add.error} />
    </Stack>
  )
}
