import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TimelineInput, TimelineKind } from '../../../shared/schemas/case'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useEnumOptions } from '../cases/options'
import { LockIcon } from '../components/LockIcon'
import { useDates } from '../format'
import { useLabel } from '../i18n'
import { useFieldMessages, type FieldErrors } from '../validation'
import { WriteError } from './WriteError'

interface Draft {
  kind: string | null
  occurredAt: string
  place: string
  attendees: string[]
  restricted: boolean
  body: string
}

const EMPTY: Draft = {
  kind: 'session',
  occurredAt: '',
  place: '',
  attendees: [],
  restricted: false,
  body: '',
}

/**
 * The case's record of work (PML Art. 27): every session, call and visit, newest first.
 * Caucus (背靠背) sessions and restricted material carry a lock: they stay out of exports.
 */
export function TimelineTab({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const dates = useDates()
  const options = useEnumOptions()
  const messages = useFieldMessages()
  const add = useCaseWrite(file, 'timeline.add')
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [errors, setErrors] = useState<FieldErrors>({})
  const set = (changes: Partial<Draft>) => setDraft((prev) => ({ ...prev, ...changes }))
  const entries = [...file.timeline].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))

  const submit = () => {
    const result = TimelineInput.safeParse({
      ...draft,
      place: draft.place.trim() || undefined,
    })
    if (!result.success) {
      setErrors(messages.fromIssues(result.error.issues))
      return
    }
    setErrors({})
    add.mutate(
      { entry: result.data },
      {
        onSuccess: () => setDraft(EMPTY),
        onError: (error) => setErrors(messages.fromCore(error)),
      },
    )
  }

  return (
    <Stack>
      <Fieldset legend={t('timeline.add')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} verticalSpacing="sm">
            <Select
              label={t('timeline.kind')}
              data={options(TimelineKind.options, 'case.timelineKind')}
              value={draft.kind}
              error={errors.kind}
              allowDeselect={false}
              onChange={(kind) => set({ kind })}
            />
            <TextInput
              type="datetime-local"
              label={t('timeline.occurredAt')}
              value={draft.occurredAt}
              error={errors.occurredAt}
              onChange={(event) => set({ occurredAt: event.currentTarget.value })}
            />
            <TextInput
              label={t('timeline.place')}
              value={draft.place}
              error={errors.place}
              onChange={(event) => set({ place: event.currentTarget.value })}
            />
          </SimpleGrid>
          <TagsInput
            label={t('timeline.attendees')}
            description={t('timeline.attendeesHint')}
            data={file.parties.map((p) => p.name)}
            value={draft.attendees}
            onChange={(attendees) => set({ attendees })}
          />
          <Textarea
            label={t('timeline.body')}
            autosize
            minRows={3}
            value={draft.body}
            error={errors.body}
            onChange={(event) => set({ body: event.currentTarget.value })}
          />
          <Checkbox
            label={t('timeline.restricted')}
            description={t('timeline.restrictedHint')}
            checked={draft.restricted}
            onChange={(event) => set({ restricted: event.currentTarget.checked })}
          />
          <WriteError error={add.error} caseId={file.id} onReloaded={add.reset} />
          <Group justify="flex-end">
            <Button onClick={submit} loading={add.isPending}>
              {t('timeline.save')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <Paper withBorder p="md">
        {entries.length === 0 ? (
          <Text c="dimmed" ta="center">
            {t('timeline.empty')}
          </Text>
        ) : (
          <Timeline bulletSize={22} lineWidth={2}>
            {entries.map((entry) => (
              <Timeline.Item
                key={entry.id}
                color={entry.restricted ? 'red' : entry.kind === 'stageChange' ? 'gray' : 'indigo'}
                bullet={
                  entry.restricted ? <LockIcon label={t('timeline.restrictedMark')} /> : undefined
                }
                title={
                  <Group gap="xs">
                    <Badge variant="light" size="sm">
                      {t(`case.timelineKind.${entry.kind}`)}
                    </Badge>
                    <Text size="sm" fw={500}>
                      {dates.dateTime(entry.occurredAt)}
                    </Text>
                    {entry.restricted && (
                      <Badge color="red" variant="light" size="sm">
                        {t('timeline.restrictedMark')}
                      </Badge>
                    )}
                    <Text size="xs" c="dimmed">
                      {entry.authorName}
                    </Text>
                  </Group>
                }
              >
                {(entry.place || entry.attendees.length > 0) && (
                  <Text size="xs" c="dimmed">
                    {[entry.place, entry.attendees.join('、')].filter(Boolean).join(' · ')}
                  </Text>
                )}
                {entry.transition && <TransitionLine transition={entry.transition} />}
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {entry.body}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Paper>
    </Stack>
  )
}

type Transition = NonNullable<CaseFile['timeline'][number]['transition']>

/** Who moved the case where, with whose approval and on what notice: the record of a move. */
function TransitionLine({ transition }: { transition: Transition }) {
  const { t } = useTranslation()
  const label = useLabel()
  const facts = [
    t('timeline.moved', {
      from: label(`workflow.stage.${transition.from}`),
      to: label(`workflow.stage.${transition.to}`),
    }),
    transition.approvedByName && t('timeline.approvedBy', { name: transition.approvedByName }),
    transition.otherRoutesNotice && t('timeline.otherRoutesTold'),
    transition.overrideReason && t('timeline.override', { reason: transition.overrideReason }),
  ].filter((fact): fact is string => typeof fact === 'string' && fact !== '')
  return facts.map((fact) => (
    <Text key={fact} size="sm" fw={500}>
      {fact}
    </Text>
  ))
}
