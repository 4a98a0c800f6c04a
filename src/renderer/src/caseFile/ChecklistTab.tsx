import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ChecklistView } from '../../../shared/schemas/case'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useLabel } from '../i18n'
import { AttachmentList, useAttachmentUpload } from './Attachments'
import { WriteError } from './WriteError'

const GROUPS = ChecklistView.shape.required.options

/** The 卷宗 checklist (issue 3, item 7), grouped by when an item is required. */
export function ChecklistTab({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const label = useLabel()
  const set = useCaseWrite(file, 'checklist.set')
  const upload = useAttachmentUpload(file)
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {GROUPS.map((group) => {
          const items = file.checklist.filter((item) => item.required === group)
          if (items.length === 0) return null
          const present = items.filter((item) => item.present).length
          return (
            <Paper key={group} withBorder p="md">
              <Group justify="space-between" mb="sm">
                <Title order={5}>{t(`case.checklistRequired.${group}`)}</Title>
                <Text size="sm" c={present === items.length ? 'teal.8' : 'dimmed'}>
                  {t('checklist.count', { present, total: items.length })}
                </Text>
              </Group>
              <Stack gap="xs">
                {items.map((item) => {
                  const name = label(`workflow.document.${item.itemId}`)
                  const files = file.attachments.filter((a) => a.checklistItemId === item.itemId)
                  return (
                    <Stack key={item.itemId} gap={2}>
                      <Group justify="space-between" wrap="nowrap">
                        <Checkbox
                          label={name}
                          checked={item.present}
                          disabled={set.isPending}
                          onChange={(event) =>
                            set.mutate({
                              itemId: item.itemId,
                              present: event.currentTarget.checked,
                            })
                          }
                        />
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-label={t('attachments.uploadFor', { item: name })}
                          disabled={upload.isPending}
                          onClick={() => upload.pick(item.itemId)}
                        >
                          {t('attachments.upload')}
                        </Button>
                      </Group>
                      {files.map((a) => (
                        <Text key={a.id} size="xs" c="dimmed" pl="xl">
                          {a.fileName}
                        </Text>
                      ))}
                    </Stack>
                  )
                })}
              </Stack>
            </Paper>
          )
        })}
      </SimpleGrid>
      <WriteError error={set.error} caseId={file.id} onReloaded={set.reset} />
      {upload.element}
      {upload.error}
      <AttachmentList file={file} onUpload={() => upload.pick(null)} uploading={upload.isPending} />
    </Stack>
  )
}
