import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AgreementContent } from '../../../shared/schemas/case'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useFieldMessages, type FieldErrors } from '../validation'
import { WriteError } from './WriteError'

interface TermDraft {
  content: string
  method: string
  deadline: string
}
interface Draft {
  form: 'written' | 'oral'
  facts: string
  issues: string
  responsibility: string
  terms: TermDraft[]
  signedAt: string
  place: string
  copies: number | string
  households: Record<string, string>
}

const EMPTY_TERM: TermDraft = { content: '', method: '', deadline: '' }

function draftOf(file: CaseFile): Draft {
  const a = file.progress.agreement
  return {
    form: a?.form ?? 'written',
    facts: a?.facts ?? '',
    issues: a?.issues ?? '',
    responsibility: a?.responsibility ?? '',
    terms: a?.terms.length
      ? a.terms.map((term) => ({
          content: term.content,
          method: term.method ?? '',
          deadline: term.deadline ?? '',
        }))
      : [EMPTY_TERM],
    signedAt: a?.signedAt ?? '',
    place: a?.place ?? '',
    copies: a?.copies ?? '',
    households: Object.fromEntries((a?.householdTerms ?? []).map((h) => [h.householdId, h.terms])),
  }
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined)

/** What the schema wants: empty inputs absent, blank terms dropped. */
function contentOf(draft: Draft) {
  return {
    form: draft.form,
    facts: optional(draft.facts),
    issues: optional(draft.issues),
    responsibility: optional(draft.responsibility),
    terms: draft.terms
      .filter((term) => term.content.trim() || term.method.trim() || term.deadline)
      .map((term) => ({
        content: term.content,
        method: optional(term.method),
        deadline: term.deadline || undefined,
      })),
    signedAt: draft.signedAt || undefined,
    place: optional(draft.place),
    copies: draft.copies === '' ? undefined : Number(draft.copies),
    householdTerms: Object.entries(draft.households)
      .filter(([, terms]) => terms.trim())
      .map(([householdId, terms]) => ({ householdId, terms: terms.trim() })),
  }
}

/**
 * The substance of the agreement (PML Arts. 28–29), kept in the case's progress so the
 * 调解协议书, its household batch and the oral-agreement record are generated from it.
 */
export function AgreementEditor({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const messages = useFieldMessages()
  const update = useCaseWrite(file, 'cases.update')
  const [opened, setOpened] = useState(false)
  const [draft, setDraft] = useState<Draft>(() => draftOf(file))
  const [errors, setErrors] = useState<FieldErrors>({})
  const set = (changes: Partial<Draft>) => setDraft((prev) => ({ ...prev, ...changes }))
  const setTerm = (index: number, changes: Partial<TermDraft>) =>
    set({ terms: draft.terms.map((term, i) => (i === index ? { ...term, ...changes } : term)) })
  const agreement = file.progress.agreement

  const open = () => {
    setDraft(draftOf(file))
    setErrors({})
    update.reset()
    setOpened(true)
  }
  const submit = () => {
    const result = AgreementContent.safeParse(contentOf(draft))
    if (!result.success) {
      setErrors(messages.fromIssues(result.error.issues))
      return
    }
    setErrors({})
    update.mutate(
      { patch: { progress: { ...file.progress, agreement: result.data } } },
      {
        onSuccess: () => setOpened(false),
        onError: (error) => setErrors(messages.fromCore(error)),
      },
    )
  }

  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={5}>{t('documents.agreement.title')}</Title>
          <Text size="sm" c="dimmed">
            {agreement
              ? t('documents.agreement.summary', {
                  form: t(`documents.agreement.${agreement.form}`),
                  count: agreement.terms.length,
                })
              : t('documents.agreement.none')}
          </Text>
        </Stack>
        <Button variant="light" onClick={open}>
          {t('documents.agreement.edit')}
        </Button>
      </Group>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('documents.agreement.title')}
        size="xl"
      >
        <Stack>
          <Text size="xs" c="dimmed">
            {t('documents.agreement.hint')}
          </Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="agreement-form">
              {t('documents.agreement.form')}
            </Text>
            <SegmentedControl
              aria-labelledby="agreement-form"
              value={draft.form}
              onChange={(form) => set({ form: form as Draft['form'] })}
              data={(['written', 'oral'] as const).map((f) => ({
                value: f,
                label: t(`documents.agreement.${f}`),
              }))}
            />
          </Stack>
          {(['facts', 'issues', 'responsibility'] as const).map((key) => (
            <Textarea
              key={key}
              label={t(`documents.agreement.${key}`)}
              autosize
              minRows={2}
              value={draft[key]}
              error={errors[key]}
              onChange={(e) => set({ [key]: e.currentTarget.value })}
            />
          ))}
          <Fieldset legend={t('documents.agreement.terms')}>
            <Stack>
              <Text size="xs" c="dimmed">
                {t('documents.agreement.deadlineHint')}
              </Text>
              {draft.terms.map((term, i) => (
                <Stack key={i} gap="xs">
                  <Group justify="space-between">
                    <Text size="sm" fw={500}>
                      {t('documents.agreement.term', { n: i + 1 })}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('documents.agreement.removeTerm', { n: i + 1 })}
                      onClick={() => set({ terms: draft.terms.filter((_, j) => j !== i) })}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                  <Textarea
                    label={t('documents.agreement.content')}
                    autosize
                    minRows={1}
                    value={term.content}
                    error={errors[`terms.${i}.content`]}
                    onChange={(e) => setTerm(i, { content: e.currentTarget.value })}
                  />
                  <SimpleGrid cols={2}>
                    <TextInput
                      label={t('documents.agreement.method')}
                      value={term.method}
                      error={errors[`terms.${i}.method`]}
                      onChange={(e) => setTerm(i, { method: e.currentTarget.value })}
                    />
                    <TextInput
                      type="date"
                      label={t('documents.agreement.deadline')}
                      value={term.deadline}
                      error={errors[`terms.${i}.deadline`]}
                      onChange={(e) => setTerm(i, { deadline: e.currentTarget.value })}
                    />
                  </SimpleGrid>
                </Stack>
              ))}
              <Button
                variant="subtle"
                size="xs"
                onClick={() => set({ terms: [...draft.terms, EMPTY_TERM] })}
              >
                {t('documents.agreement.addTerm')}
              </Button>
            </Stack>
          </Fieldset>
          <SimpleGrid cols={3}>
            <TextInput
              type="date"
              label={t('documents.agreement.signedAt')}
              value={draft.signedAt}
              error={errors.signedAt}
              onChange={(e) => set({ signedAt: e.currentTarget.value })}
            />
            <TextInput
              label={t('documents.agreement.place')}
              value={draft.place}
              error={errors.place}
              onChange={(e) => set({ place: e.currentTarget.value })}
            />
            <NumberInput
              label={t('documents.agreement.copies')}
              min={1}
              max={20}
              value={draft.copies}
              error={errors.copies}
              onChange={(copies) => set({ copies })}
            />
          </SimpleGrid>
          {file.households.length > 0 && (
            <Fieldset legend={t('documents.agreement.householdTerms')}>
              <Text size="xs" c="dimmed" mb="xs">
                {t('documents.agreement.householdHint')}
              </Text>
              <Stack gap="xs">
                {file.households.map((household) => (
                  <Textarea
                    key={household.id}
                    label={household.unit}
                    autosize
                    minRows={1}
                    value={draft.households[household.id] ?? ''}
                    onChange={(e) => {
                      const terms = e.currentTarget.value
                      setDraft((prev) => ({
                        ...prev,
                        households: { ...prev.households, [household.id]: terms },
                      }))
                    }}
                  />
                ))}
              </Stack>
            </Fieldset>
          )}
          <WriteError error={update.error} caseId={file.id} onReloaded={update.reset} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={update.isPending} onClick={submit}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  )
}
