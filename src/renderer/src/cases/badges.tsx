import { Badge, type BadgeProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CaseCategory } from '../../../shared/domain/workflow/types'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import type { RiskLevel } from '../../../shared/schemas/case'
import type { z } from 'zod'
import { useLabel } from '../i18n'

/** One color per category, so the four kinds of case tell apart at a glance in the list. */
const CATEGORY_COLOR: Record<CaseCategory, string> = {
  family: 'grape',
  expropriation: 'orange',
  petition: 'cyan',
  owners: 'teal',
}

const RISK_COLOR: Record<z.infer<typeof RiskLevel>, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
}

export function CategoryBadge({ category, ...props }: { category: CaseCategory } & BadgeProps) {
  const { t } = useTranslation()
  return (
    <Badge variant="light" color={CATEGORY_COLOR[category]} {...props}>
      {t(`workflow.category.${category}`)}
    </Badge>
  )
}

/** Whether a stage is active, ended or archived, from the definitions themselves. */
const STAGE_STATUS = new Map(
  Object.values(WORKFLOWS).flatMap((d) => d.stages.map((s) => [s.id, s.status] as const)),
)

export function StageBadge({ stage, ...props }: { stage: string } & BadgeProps) {
  const label = useLabel()
  const status = STAGE_STATUS.get(stage)
  const color = status === 'archived' ? 'gray' : status === 'ended' ? 'red' : 'indigo'
  return (
    <Badge variant="outline" color={color} {...props}>
      {label(`workflow.stage.${stage}`)}
    </Badge>
  )
}

export function RiskBadge({ risk, ...props }: { risk: z.infer<typeof RiskLevel> } & BadgeProps) {
  const { t } = useTranslation()
  return (
    <Badge
      variant={risk === 'critical' ? 'filled' : 'light'}
      color={RISK_COLOR[risk]}

      {...props}
    >
      {t(`case.risk.${risk}`)}
    </Badge>
  )
}
