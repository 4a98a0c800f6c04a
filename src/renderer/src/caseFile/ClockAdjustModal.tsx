import { Group, NumberInput, Text, TextInput, Textarea } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IsoDate } from '../../../shared/domain/iso-date'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useLabel } from '../i18n'
import { useSession } from '../status'
import { useFieldMessages } from '../validation'
import { useSupervisorApproval } from './SupervisorApproval'
import { WriteModal } from './WriteModal'

type ClockView = CaseFile['clocks'][number]

/** 中止: two dates, both left out of the count, and why. */
export function PauseClockModal({
  file,
  clock,
  onClose,
}: {
  file: CaseFile
  clock: ClockView
  onClose: () => void
}) {
  const { t } = useTranslation()
  const label = useLabel()
  const messages = useFieldMessages()
  const pause = useCaseWrite(file, 'clocks.pause')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [reason, setReason] = useState('')
  const core = messages.fromCore(pause.error)
  const orderError = from && to && to < from ? t('validation.pauseOrder') : undefined
  const ready =
    IsoDate.safeParse(from).success &&
    IsoDate.safeParse(to).success &&
    !orderError &&
    reason.trim() !== ''

  const submit = () =>
    pause.mutate(
      { clockId: clock.clockId, from, to, reason: reason.trim() },
      { onSuccess: onClose },
    )

  return (
    <WriteModal
      file={file}
      title={t('clocks.pauseTitle', { clock: label(`workflow.clock.${clock.clockId}`) })}
      mutation={pause}
      ready={ready}
      submitLabel={t('clocks.pause')}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text size="xs" c="dimmed">
        {clock.source}
      </Text>
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('clocks.pauseFrom')}
          required
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('clocks.pauseTo')}
          required
          value={to}
          error={orderError ?? core.to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('clocks.pauseHint')}
      </Text>
      <Textarea
        label={t('clocks.reason')}
        required
        autosize
        minRows={2}
        value={reason}
        error={core.reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      {core.clockId && (
        <Text size="sm" c="red">
          {core.clockId}
        </Text>
      )}
    </WriteModal>
  )
}

/** 延长: a length in the clock's own unit, why, and a supervisor's signed approval. */
export function ExtendClockModal({
  file,
  clock,
  onClose,
}: {
  file: CaseFile
  clock: ClockView
  onClose: () => void
}) {
  const { t } = useTranslation()
  const label = useLabel()
  const messages = useFieldMessages()
  const { user } = useSession()
  const extend = useCaseWrite(file, 'clocks.extend')
  const [length, setLength] = useState<number | string>('')
  const [reason, setReason] = useState('')
  const needsApprover = user.role !== 'supervisor'
  const used = clock.extensions.reduce((sum, e) => sum + e.length, 0)
  const left = clock.maxExtension === null ? undefined : clock.maxExtension - used
  const unit = label(`clocks.unit.${clock.unit}`)
  const core = messages.fromCore(extend.error)
  const signed = useSupervisorApproval('clocks', core['approval.userId'] ?? core.approval)
  const ready =
    typeof length === 'number' &&
    Number.isInteger(length) &&
    length > 0 &&
    reason.trim() !== '' &&
    (!needsApprover || signed.approval !== undefined)

  const submit = () => {
    if (typeof length !== 'number') return
    extend.mutate(
      {
        clockId: clock.clockId,
        length,
        reason: reason.trim(),
        ...(needsApprover && signed.approval ? { approval: signed.approval } : {}),
      },
      { onSuccess: onClose },
    )
  }

  return (
    <WriteModal
      file={file}
      title={t('clocks.extendTitle', { clock: label(`workflow.clock.${clock.clockId}`) })}
      mutation={extend}
      ready={ready}
      submitLabel={t('clocks.extend')}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text size="xs" c="dimmed">
        {clock.source}
      </Text>
      <NumberInput
        label={t('clocks.extendLength', { unit })}
        description={
          clock.maxExtension === null
            ? undefined
            : t('clocks.extendMax', { max: String(clock.maxExtension), used: String(used), unit })
        }
        required
        min={1}
        max={left}
        allowDecimal={false}
        allowNegative={false}
        value={length}
        error={core.length}
        onChange={setLength}
      />
      <Textarea
        label={t('clocks.reason')}
        required
        autosize
        minRows={2}
        value={reason}
        error={core.reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      {needsApprover && signed.fields}
      {core.clockId && (
        <Text size="sm" c="red">
          {core.clockId}
        </Text>
      )}
    </WriteModal>
  )
}
