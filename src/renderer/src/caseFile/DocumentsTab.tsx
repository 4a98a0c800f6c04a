import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelInput } from '../../../shared/contract'
import type { PersonalDataView } from '../../../shared/domain/masking'
import {
  MandatoryReportOptions,
  type MandatoryReportOptions as ReportOptions,
  type DocumentAvailability,
  type DocumentFormat,
  type DocumentKind,
} from '../../../shared/schemas/document'
import type { CaseFile } from '../cases/api'
import { call, concord } from '../concord'
import { describeError } from '../describeError'
import { useDates } from '../format'
import { useLabel } from '../i18n'
import { useFieldMessages, type FieldErrors } from '../validation'
import { AgreementEditor } from './AgreementEditor'

type GenerateInput = ChannelInput<'documents.generate'>

/** The entry a record is made from: the user's pick if allowed, else the newest allowed one. */
function entryOf(item: DocumentAvailability, chosen: string | undefined, allowRestricted: boolean) {
  const allowed = item.entries.filter((e) => allowRestricted || !e.restricted)
  return (allowed.find((e) => e.id === chosen) ?? allowed[0])?.id
}

function save(content: { fileName: string; mediaType: string; bytes: Uint8Array }) {
  const blob = new Blob([new Uint8Array(content.bytes)], { type: content.mediaType })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = content.fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * The 文书 tab (issue 6 items 1–3): what this case can produce now and what each document still
 * lacks, with DOCX and PDF downloads, the agreement's content, the bound 卷宗 and the one-page
 * summary. Restricted material is offered only to someone who can see it on this case, and
 * stays out unless ticked.
 */
export function DocumentsTab({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const [view, setView] = useState<PersonalDataView>('full')
  const [includeRestricted, setIncludeRestricted] = useState(false)
  const [entries, setEntries] = useState<Partial<Record<DocumentKind, string>>>({})
  const [reporting, setReporting] = useState<DocumentFormat | null>(null)
  const list = useQuery({
    queryKey: ['documents', file.id, file.version],
    queryFn: () => call(concord().documents.list({ caseId: file.id })),
  })
  const generate = useMutation({
    mutationFn: (input: GenerateInput) => call(concord().documents.generate(input)),
    onSuccess: save,
  })
  const hasRestricted =
    file.timeline.some((e) => e.restricted) || file.attachments.some((a) => a.restricted)
  const withRestricted = hasRestricted && includeRestricted
  const run = (
    kind: DocumentKind,
    format: DocumentFormat,
    options: GenerateInput['options'] = {},
  ) => {
    const item = list.data?.find((d) => d.kind === kind)
    const entryId = item ? entryOf(item, entries[kind], withRestricted) : undefined
    generate.mutate({
      caseId: file.id,
      kind,
      format,
      view,
      includeRestricted: withRestricted,
      options: { ...options, ...(entryId ? { entryId } : {}) },
    })
  }
  const onFormat = (item: DocumentAvailability, format: DocumentFormat) =>
    item.needsOptions ? setReporting(format) : run(item.kind, format)

  const documents = (list.data ?? []).filter(
    (d) => d.kind !== 'caseFile' && d.kind !== 'caseSummary',
  )
  const byKind = (kind: DocumentKind) => list.data?.find((d) => d.kind === kind)
  const pending = (kind: DocumentKind, format: DocumentFormat) =>
    generate.isPending && generate.variables.kind === kind && generate.variables.format === format

  const buttons = (item: DocumentAvailability) => (
    <Group gap="xs" wrap="nowrap">
      {item.formats.map((format) => (
        <Button
          key={format}
          size="compact-sm"
          variant="light"
          disabled={!item.available || (generate.isPending && !pending(item.kind, format))}
          loading={pending(item.kind, format)}
          aria-label={`${t(`documents.kind.${item.kind}`)} ${format.toUpperCase()}`}
          onClick={() => onFormat(item, format)}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  )

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('documents.intro')}
      </Text>
      <Paper withBorder p="md">
        <Group align="flex-end" gap="xl">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="documents-view">
              {t('documents.view')}
            </Text>
            <SegmentedControl
              aria-labelledby="documents-view"
              value={view}
              onChange={(value) => setView(value as PersonalDataView)}
              data={(['full', 'masked', 'deidentified'] as const).map((v) => ({
                value: v,
                label: t(`documents.viewOption.${v}`),
              }))}
            />
          </Stack>
          {hasRestricted && (
            <Checkbox
              label={t('documents.includeRestricted')}
              description={t('documents.includeRestrictedHint')}
              checked={includeRestricted}
              onChange={(event) => setIncludeRestricted(event.currentTarget.checked)}
              color="orange"
            />
          )}
        </Group>
      </Paper>
      {generate.isError && (
        <Alert color="red" variant="light" role="alert">
          <Text size="sm">{describeError(generate.error, t)}</Text>
        </Alert>
      )}
      <AgreementEditor file={file} />
      <Paper withBorder p="md">
        {list.isPending ? (
          <Loader aria-label={t('common.loading')} />
        ) : list.isError ? (
          <Text c="red">{describeError(list.error, t)}</Text>
        ) : (
          <Table aria-label={t('caseFile.tab.documents')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.document')}</Table.Th>
                <Table.Th>{t('documents.status')}</Table.Th>
                <Table.Th>{t('documents.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.map((item) => (
                <Table.Tr key={item.kind}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t(`documents.kind.${item.kind}`)}
                    </Text>
                    {item.entries.length > 0 && (
                      <EntryPick
                        item={item}
                        value={entries[item.kind] ?? null}
                        onChange={(id) => setEntries((prev) => ({ ...prev, [item.kind]: id }))}
                        allowRestricted={withRestricted}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Status item={item} />
                  </Table.Td>
                  <Table.Td>{buttons(item)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t('documents.binder.title')}
        </Title>
        <Stack gap="md">
          {(['caseFile', 'caseSummary'] as const).map((kind) => {
            const item = byKind(kind)
            return (
              <Group key={kind} justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  <Text size="sm" fw={500}>
                    {t(`documents.kind.${kind}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(
                      kind === 'caseFile'
                        ? 'documents.binder.caseFileHint'
                        : 'documents.binder.summaryHint',
                    )}
                  </Text>
                </Stack>
                {item && buttons(item)}
              </Group>
            )
          })}
        </Stack>
      </Paper>
      <ReportDialog
        opened={reporting !== null}
        onClose={() => setReporting(null)}
        onSubmit={(mandatoryReport) => {
          if (reporting) run('mandatoryReport', reporting, { mandatoryReport })
          setReporting(null)
        }}
      />
    </Stack>
  )
}

function Status({ item }: { item: DocumentAvailability }) {
  const { t } = useTranslation()
  const label = useLabel()
  if (item.available) {
    return (
      <Text size="sm" c="teal.9">
        {t('documents.ready')}
      </Text>
    )
  }
  const items = item.missing.map((key) => label(`documents.missingItem.${key}`)).join('、')
  return (
    <Text size="sm" c="red.9">
      {t('documents.missing', { items })}
    </Text>
  )
}

/** The session, investigation or follow-up the record is made from; caucus entries only when included. */
function EntryPick({
  item,
  value,
  onChange,
  allowRestricted,
}: {
  item: DocumentAvailability
  value: string | null
  onChange: (id: string | null) => void
  allowRestricted: boolean
}) {
  const { t } = useTranslation()
  const dates = useDates()
  const data = item.entries.map((e) => ({
    value: e.id,
    label: e.restricted
      ? `${dates.dateTime(e.occurredAt)}（${t('documents.restrictedEntry')}）`
      : dates.dateTime(e.occurredAt),
    disabled: e.restricted && !allowRestricted,
  }))
  const selected = entryOf(item, value ?? undefined, allowRestricted) ?? null
  return (
    <Select
      mt={4}
      size="xs"
      w={240}
      aria-label={`${t(`documents.kind.${item.kind}`)} ${t('documents.entry')}`}
      data={data}
      value={selected}
      onChange={onChange}
      allowDeselect={false}
    />
  )
}

type ReportDraft = Record<'reportedAt' | 'reportedTo' | 'receiptNo' | 'circumstances', string> & {
  method: string | null
}

/** The 强制报告 facts that live outside the case base: when, to whom, how, what was found. */
function ReportDialog({
  opened,
  onClose,
  onSubmit,
}: {
  opened: boolean
  onClose: () => void
  onSubmit: (options: ReportOptions) => void
}) {
  const { t } = useTranslation()
  const messages = useFieldMessages()
  const [draft, setDraft] = useState<ReportDraft>({
    reportedAt: '',
    reportedTo: '',
    method: 'phone',
    receiptNo: '',
    circumstances: '',
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const set = (changes: Partial<ReportDraft>) => setDraft((prev) => ({ ...prev, ...changes }))
  const submit = () => {
    const result = MandatoryReportOptions.safeParse({
      ...draft,
      receiptNo: draft.receiptNo || undefined,
    })
    if (!result.success) {
      setErrors(messages.fromIssues(result.error.issues))
      return
    }
    setErrors({})
    onSubmit(result.data)
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.report.title')} size="lg">
      <Stack>
        <Text size="xs" c="dimmed">
          {t('documents.report.hint')}
        </Text>
        <TextInput
          type="datetime-local"
          label={t('documents.report.reportedAt')}
          value={draft.reportedAt}
          error={errors.reportedAt}
          onChange={(e) => set({ reportedAt: e.currentTarget.value })}
        />
        <TextInput
          label={t('documents.report.reportedTo')}
          value={draft.reportedTo}
          error={errors.reportedTo}
          onChange={(e) => set({ reportedTo: e.currentTarget.value })}
        />
        <Select
          label={t('documents.report.method')}
          data={(['phone', 'inPerson', 'written'] as const).map((m) => ({
            value: m,
            label: t(`documents.report.methodOption.${m}`),
          }))}
          value={draft.method}
          error={errors.method}
          onChange={(method) => set({ method })}
          allowDeselect={false}
        />
        <TextInput
          label={t('documents.report.receiptNo')}
          value={draft.receiptNo}
          onChange={(e) => set({ receiptNo: e.currentTarget.value })}
        />
        <Textarea
          label={t('documents.report.circumstances')}
          autosize
          minRows={3}
          value={draft.circumstances}
          error={errors.circumstances}
          onChange={(e) => set({ circumstances: e.currentTarget.value })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit}>{t('common.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
