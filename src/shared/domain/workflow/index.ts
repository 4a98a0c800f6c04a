import type { CaseCategory, WorkflowDefinition } from './types'
import { expropriation } from './expropriation'
import { family } from './family'
import { owners } from './owners'
import { petition } from './petition'

export const WORKFLOWS: Readonly<Record<CaseCategory, WorkflowDefinition>> = {
  family,
  expropriation,
  petition,
  owners,
}
