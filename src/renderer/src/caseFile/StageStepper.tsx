import { Stepper } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { useLabel } from '../i18n'
import type { CaseFile } from '../cases/api'

/**
 * The category's stages in order (issue 3, item 4). Termination is a way out, not a step on the
 * way, so it only appears — in red — for a case that took it.
 */
export function StageStepper({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const label = useLabel()
  const stages = WORKFLOWS[file.category].stages.filter(
    (s) => s.status !== 'ended' || s.id === file.stage,
  )
  const active = stages.findIndex((s) => s.id === file.stage)
  const ended = stages[active]?.status === 'ended'
  return (
    <Stepper
      active={active}
      size="xs"
      color={ended ? 'red' : undefined}
      aria-label={t('caseFile.stages')}
    >
      {stages.map((stage) => (
        <Stepper.Step
          key={stage.id}
          label={label(`workflow.stage.${stage.id}`)}
          description={stage.optional ? t('caseFile.optionalStage') : undefined}
          aria-current={stage.id === file.stage ? 'step' : undefined}
          data-stage={stage.id}
        />
      ))}
    </Stepper>
  )
}
