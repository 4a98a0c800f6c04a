import { Button, Checkbox, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import type { TransitionProblem } from '../../../shared/domain/workflow/types'
import { useCaseWrite, type CaseFile, type CaseWriteMutation } from '../cases/api'
import { useLabel } from '../i18n'
import { useSession } from '../status'
import { useDescribeProblem } from './problems'
import { useSupervisorApproval } from './SupervisorApproval'
import { WriteError } from './WriteError'
import { WriteModal } from './WriteModal'

type NextStep = CaseFile['nextSteps'][number]

/** Answered in the dialog that asks for them; everything else must be fixed in the case first. */
const ASKED_IN_DIALOG = new Set<TransitionProblem['kind']>([
  'needsReason',
  'needsOtherRoutesNotice',
  'needsApproval',
])

/**
 * The moves the workflow offers from the current stage, each with what still blocks it. A
 * supervisor (or a mediator with a supervisor's approval) may close without some documents by
 * giving a reason, so for a close missing documents do not disable the button.
 */
export function NextSteps({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const label = useLabel()
  const describe = useDescribeProblem()
  const [open, setOpen] = useState<NextStep | null>(null)
  const transition = useCaseWrite(file, 'cases.transition')
  const definition = WORKFLOWS[file.category]
  const ruleOf = (step: NextStep) =>
    definition.transitions.find((tr) => tr.from.includes(file.stage) && tr.to === step.to)
  const blocking = (step: NextStep) =>
    step.problems.filter(
      (p) =>
        !ASKED_IN_DIALOG.has(p.kind) &&
        !(p.kind === 'missingDocument' && ruleOf(step)?.documentsOverridable),
    )
  const needsDialog = (step: NextStep) => {
    const rule = ruleOf(step)
    return (
      !!rule &&
      (rule.needsReason ||
        rule.needsOtherRoutesNotice ||
        rule.needsSupervisorApproval ||
        step.problems.some((p) => p.kind === 'missingDocument'))
    )
  }
  const buttonLabel = (step: NextStep) =>
    step.action === 'advance'
      ? t('caseFile.advanceTo', { stage: label(`workflow.stage.${step.to}`) })
      : label(`workflow.action.${step.action}`)

  if (file.nextSteps.length === 0) return null
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text fw={600}>{t('caseFile.nextSteps')}</Text>
        <Group align="flex-start" gap="lg">
          {file.nextSteps.map((step) => {
            const problems = blocking(step)
            return (
              <Stack key={`${step.action}-${step.to}`} gap={4} maw={360}>
                <Button
                  variant={step.action === 'advance' ? 'filled' : 'light'}
                  color={step.action === 'terminate' ? 'red' : undefined}
                  disabled={problems.length > 0}
                  loading={transition.isPending && transition.variables?.to === step.to}
                  onClick={() =>
                    needsDialog(step) ? setOpen(step) : transition.mutate({ to: step.to })
                  }
                >
                  {buttonLabel(step)}
                </Button>
                {problems.length > 0 && (
                  <List
                    size="xs"
                    c="dimmed"
                    aria-label={t('caseFile.missingFor', { step: buttonLabel(step) })}
                  >
                    {problems.map((problem) => (
                      <List.Item key={describe(problem)}>{describe(problem)}</List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            )
          })}
        </Group>
        {!open && (
          <WriteError error={transition.error} caseId={file.id} onReloaded={transition.reset} />
        )}
      </Stack>
      {open && (
        <TransitionDialog
          file={file}
          step={open}
          title={buttonLabel(open)}
          onClose={() => {
            setOpen(null)
            transition.reset()
          }}
          mutation={transition}
        />
      )}
    </Paper>
  )
}

function TransitionDialog({
  file,
  step,
  title,
  onClose,
  mutation,
}: {
  file: CaseFile
  step: NextStep
  title: string
  onClose: () => void
  mutation: CaseWriteMutation<'cases.transition'>
}) {
  const { t } = useTranslation()
  const { user } = useSession()
  const describe = useDescribeProblem()
  const rule = WORKFLOWS[file.category].transitions.find(
    (tr) => tr.from.includes(file.stage) && tr.to === step.to,
  )
  const [reason, setReason] = useState('')
  const [otherRoutes, setOtherRoutes] = useState(false)
  const signed = useSupervisorApproval('caseFile')
  const [overrideReason, setOverrideReason] = useState('')
  const isSupervisor = user.role === 'supervisor'
  const needsApprover = !!rule?.needsSupervisorApproval && !isSupervisor
  const missingDocuments = step.problems.filter((p) => p.kind === 'missingDocument')
  const canOverride = !!rule?.documentsOverridable && (isSupervisor || signed.approverChosen)

  const ready =
    (!rule?.needsReason || reason.trim() !== '') &&
    (!rule?.needsOtherRoutesNotice || otherRoutes) &&
    (!needsApprover || signed.approval !== undefined) &&
    (missingDocuments.length === 0 || (canOverride && overrideReason.trim() !== ''))

  const submit = () =>
    mutation.mutate(
      {
        to: step.to,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(rule?.needsOtherRoutesNotice ? { otherRoutesNoticeGiven: otherRoutes } : {}),
        ...(needsApprover && signed.approval ? { approval: signed.approval } : {}),
        ...(missingDocuments.length > 0 ? { documentsOverrideReason: overrideReason.trim() } : {}),
      },
      { onSuccess: onClose },
    )

  return (
    <WriteModal
      file={file}
      title={title}
      size="lg"
      mutation={mutation}
      ready={ready}
      submitLabel={t('common.confirm')}
      submitColor={step.action === 'terminate' ? 'red' : undefined}
      onSubmit={submit}
      onClose={onClose}
    >
      {rule?.needsReason && (
        <Textarea
          label={t(`caseFile.reason.${step.action}`)}
          required
          autosize
          minRows={3}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
      )}
      {rule?.needsOtherRoutesNotice && (
        <Checkbox
          label={t('caseFile.otherRoutesNotice')}
          checked={otherRoutes}
          onChange={(event) => setOtherRoutes(event.currentTarget.checked)}
        />
      )}
      {needsApprover && signed.fields}
      {missingDocuments.length > 0 && (
        <Stack gap={4}>
          <Text size="sm">{t('caseFile.missingDocuments')}</Text>
          <List size="sm">
            {missingDocuments.map((problem) => (
              <List.Item key={describe(problem)}>{describe(problem)}</List.Item>
            ))}
          </List>
          {canOverride ? (
            <Textarea
              label={t('caseFile.overrideReason')}
              required
              autosize
              minRows={2}
              value={overrideReason}
              onChange={(event) => setOverrideReason(event.currentTarget.value)}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('caseFile.overrideNeedsSupervisor')}
            </Text>
          )}
        </Stack>
      )}
    </WriteModal>
  )
}
