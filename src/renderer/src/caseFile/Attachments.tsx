import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  ACCEPT_ATTRIBUTE,
  ALLOWED_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_MB,
  ATTACHMENT_TYPES,
  CASE_ATTACHMENTS_MAX_MB,
} from '../../../shared/attachments'
import type { AttachmentView } from '../../../shared/schemas/case'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { call, concord } from '../concord'
import { describeError } from '../describeError'
import { formatDateTime } from '../format'
import { useLabel } from '../i18n'
import { WriteError } from './WriteError'

/** 12.3 KB, 4.5 MB: sizes in the UI's number format. */
export function formatSize(bytes: number, language: string): string {
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 })
  if (bytes < 1024 * 1024) return `${number.format(Math.max(bytes / 1024, 0.1))} KB`
  return `${number.format(bytes / (1024 * 1024))} MB`
}

/** The core stamps uploads in UTC; the mediator reads them in Shanghai time (UTC+8, no DST). */
function shanghaiTime(iso: string): string {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16)
}

function typeLabel(mediaType: string): string {
  const found = Object.values(ATTACHMENT_TYPES).find((t) => t.mediaType === mediaType)
  return found?.extensions[0]?.toUpperCase() ?? mediaType
}

/**
 * Picks a file and sends it to the core, for a checklist item or for the case as a whole. The
 * size limit is checked here first, so a mediator does not wait for a refusal; the core
 * checks it again with the type.
 */
export function useAttachmentUpload(file: CaseFile) {
  const { t } = useTranslation()
  const add = useCaseWrite(file, 'attachments.add')
  const input = useRef<HTMLInputElement>(null)
  const target = useRef<string | null>(null)
  const [tooLarge, setTooLarge] = useState(false)

  const pick = (checklistItemId: string | null) => {
    target.current = checklistItemId
    input.current?.click()
  }

  const onChange = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0]
    event.currentTarget.value = ''
    if (!chosen) return
    add.reset()
    if (chosen.size > ATTACHMENT_MAX_BYTES) {
      setTooLarge(true)
      return
    }
    setTooLarge(false)
    const bytes = new Uint8Array(await chosen.arrayBuffer())
    const checklistItemId = target.current
    add.mutate({ fileName: chosen.name, bytes, ...(checklistItemId ? { checklistItemId } : {}) })
  }

  const element = (
    <input
      ref={input}
      type="file"
      hidden
      accept={ACCEPT_ATTRIBUTE}
      data-testid="attachment-input"
      onChange={(event) => void onChange(event)}
    />
  )
  const error: ReactNode = tooLarge ? (
    <Alert color="red" variant="light" role="alert">
      <Text size="sm">{t('errors.ATTACHMENT_TOO_LARGE', { maxMb: ATTACHMENT_MAX_MB })}</Text>
    </Alert>
  ) : (
    <WriteError error={add.error} caseId={file.id} onReloaded={add.reset} />
  )
  return { pick, element, error, isPending: add.isPending }
}

async function download(attachmentId: string) {
  const content = await call(concord().attachments.get({ attachmentId }))
  const blob = new Blob([new Uint8Array(content.bytes)], { type: content.mediaType })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = content.fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The 附件 list of the case: every file, with download and (confirmed) removal. */
export function AttachmentList({
  file,
  onUpload,
  uploading,
}: {
  file: CaseFile
  onUpload: () => void
  uploading: boolean
}) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const remove = useCaseWrite(file, 'attachments.remove')
  const [removing, setRemoving] = useState<AttachmentView | null>(null)
  const [downloadError, setDownloadError] = useState<unknown>(null)

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('attachments.title')}</Title>
        <Button size="xs" variant="light" loading={uploading} onClick={onUpload}>
          {t('attachments.uploadOther')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('attachments.limits', {
          maxMb: ATTACHMENT_MAX_MB,
          caseMaxMb: CASE_ATTACHMENTS_MAX_MB,
          allowed: ALLOWED_EXTENSIONS,
        })}
      </Text>
      {file.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('attachments.empty')}
        </Text>
      ) : (
        <Table aria-label={t('attachments.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('attachments.fileName')}</Table.Th>
              <Table.Th>{t('attachments.item')}</Table.Th>
              <Table.Th>{t('attachments.type')}</Table.Th>
              <Table.Th>{t('attachments.size')}</Table.Th>
              <Table.Th>{t('attachments.uploader')}</Table.Th>
              <Table.Th>{t('attachments.uploadedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {file.attachments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.fileName}
                  {a.restricted && (
                    <Text span size="xs" c="red.9" ml="xs">
                      {t('attachments.restricted')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {a.checklistItemId ? label(`workflow.document.${a.checklistItemId}`) : ''}
                </Table.Td>
                <Table.Td>{typeLabel(a.mediaType)}</Table.Td>
                <Table.Td>{formatSize(a.size, i18n.language)}</Table.Td>
                <Table.Td>{a.uploaderName}</Table.Td>
                <Table.Td>{formatDateTime(shanghaiTime(a.uploadedAt), i18n.language)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={`${t('attachments.download')} ${a.fileName}`}
                      onClick={() => {
                        setDownloadError(null)
                        download(a.id).catch(setDownloadError)
                      }}
                    >
                      {t('attachments.download')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={`${t('attachments.remove')} ${a.fileName}`}
                      onClick={() => setRemoving(a)}
                    >
                      {t('attachments.remove')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {downloadError !== null && (
        <Alert color="red" variant="light" role="alert" mt="sm">
          <Text size="sm">{describeError(downloadError, t)}</Text>
        </Alert>
      )}
      <WriteError error={remove.error} caseId={file.id} onReloaded={remove.reset} />
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('attachments.removeTitle')}
      >
        <Stack>
          <Text size="sm">
            {t('attachments.removeConfirm', { name: removing?.fileName ?? '' })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => {
                if (!removing) return
                remove.mutate({ attachmentId: removing.id }, { onSettled: () => setRemoving(null) })
              }}
            >
              {t('common.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  )
}
