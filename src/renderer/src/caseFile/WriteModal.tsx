import { Button, Group, Modal, Stack, type MantineColor, type MantineSize } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseFile } from '../cases/api'
import { WriteError } from './WriteError'

/**
 * A dialog that sends one write of a case: its fields, then the refusal if any (CONFLICT
 * offers the reload and keeps what was typed), then cancel and the action.
 */
export function WriteModal({
  file,
  title,
  mutation,
  ready,
  submitLabel,
  onSubmit,
  onClose,
  size,
  submitColor,
  children,
}: {
  file: CaseFile
  title: ReactNode
  mutation: { error: unknown; isPending: boolean; reset: () => void }
  ready: boolean
  submitLabel: string
  onSubmit: () => void
  onClose: () => void
  size?: MantineSize
  submitColor?: MantineColor
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <Stack>
        {children}
        <WriteError error={mutation.error} caseId={file.id} onReloaded={mutation.reset} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={submitColor}
            disabled={!ready}
            loading={mutation.isPending}
            onClick={onSubmit}
          >
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
