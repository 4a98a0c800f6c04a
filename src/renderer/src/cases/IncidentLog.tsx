import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { todayInChina } from '../../../shared/domain/iso-date'
import { Incident } from '../../../shared/schemas/case'
import { useDates } from '../format'
import { useFieldMessages, type FieldErrors } from '../validation'

const FLAGS = ['injuries', 'policeCalled', 'childrenWitnessed'] as const
const FLAG_COLOR: Record<(typeof FLAGS)[number], string> = {
  injuries: 'red',
  policeCalled: 'blue',
  childrenWitnessed: 'orange',
}

interface Draft {
  date: string
  time: string
  description: string
  injuries: boolean
  policeCalled: boolean
  childrenWitnessed: boolean
}

const EMPTY: Draft = {
  date: '',
  time: '',
  description: '',
  injuries: false,
  policeCalled: false,
  childrenWitnessed: false,
}

/** Newest first; entries of one day without a time sort after those with one. */
const newestFirst = (list: readonly Incident[]): Incident[] =>
  [...list].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))

/** The incident list as the details draft holds it: anything that is not an array is none. */
export function incidentsOf(value: unknown): Incident[] {
  return Array.isArray(value) ? (value as Incident[]) : []
}

interface IncidentLogProps {
  incidents: readonly Incident[]
  /** By path within the details: incidents.N.at and so on. */
  errors: FieldErrors
  onChange: (incidents: Incident[] | undefined) => void
}

/**
 * A family case's incident log (DESIGN.md §3): what happened when, and whether anyone was hurt,
 * the police came, or children saw it. Kept newest first, the order a mediator reads it in.
 */
export function IncidentLog({ incidents, errors, onChange }: IncidentLogProps) {
  const { t } = useTranslation()
  const dates = useDates()
  const messages = useFieldMessages()
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [draftErrors, setDraftErrors] = useState<FieldErrors>({})
  const today = todayInChina()

  const add = () => {
    const result = Incident.safeParse({
      at: draft.time ? `${draft.date}T${draft.time}` : draft.date,
      description: draft.description,
      injuries: draft.injuries,
      policeCalled: draft.policeCalled,
      childrenWitnessed: draft.childrenWitnessed,
    })
    const found = result.success ? {} : messages.fromIssues(result.error.issues)
    if (result.success && result.data.at.slice(0, 10) > today) {
      found.at = t('validation.incidentInFuture')
    }
    if (!result.success || found.at) {
      setDraftErrors(found)
      return
    }
    setDraftErrors({})
    setDraft(EMPTY)
    onChange(newestFirst([...incidents, result.data]))
  }

  const remove = (index: number) => {
    const next = incidents.filter((_, i) => i !== index)
    onChange(next.length > 0 ? next : undefined)
  }

  return (
    <Stack gap="sm" mt="lg" aria-label={t('caseFields.incidents')} role="group">
      <Title order={5}>{t('caseFields.incidents')}</Title>
      {incidents.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('caseFields.incident.empty')}
        </Text>
      )}
      {incidents.map((incident, index) => (
        <Paper key={`${incident.at}-${index}`} withBorder p="sm" data-testid="incident">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {dates.dateTime(incident.at)}
                </Text>
                {FLAGS.filter((flag) => incident[flag]).map((flag) => (
                  <Badge key={flag} variant="light" color={FLAG_COLOR[flag]}>
                    {t(`caseFields.incident.${flag}`)}
                  </Badge>
                ))}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {incident.description}
              </Text>
              {errors[`incidents.${index}.at`] && (
                <Text size="sm" c="red">
                  {errors[`incidents.${index}.at`]}
                </Text>
              )}
            </Stack>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('caseFields.incident.remove')}
              onClick={() => remove(index)}
            >
              ×
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              type="date"
              label={t('caseFields.incident.at')}
              max={today}
              value={draft.date}
              error={draftErrors.at}
              onChange={(event) => {
                const date = event.currentTarget.value
                setDraft((prev) => ({ ...prev, date }))
              }}
            />
            <TextInput
              type="time"
              label={t('caseFields.incident.time')}
              value={draft.time}
              onChange={(event) => {
                const time = event.currentTarget.value
                setDraft((prev) => ({ ...prev, time }))
              }}
            />
          </SimpleGrid>
          <Textarea
            label={t('caseFields.incident.description')}
            autosize
            minRows={2}
            maxLength={2000}
            value={draft.description}
            error={draftErrors.description}
            onChange={(event) => {
              const description = event.currentTarget.value
              setDraft((prev) => ({ ...prev, description }))
            }}
          />
          <Group>
            {FLAGS.map((flag) => (
              <Checkbox
                key={flag}
                label={t(`caseFields.incident.${flag}`)}
                checked={draft[flag]}
                onChange={(event) => {
                  const checked = event.currentTarget.checked
                  setDraft((prev) => ({ ...prev, [flag]: checked }))
                }}
              />
            ))}
          </Group>
          <Group justify="flex-end">
            <Button variant="light" onClick={add} disabled={incidents.length >= 200}>
              {t('caseFields.incident.add')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  )
}
