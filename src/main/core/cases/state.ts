import type { CaseFacts } from '../../../shared/domain/workflow/field-events'
import type { CaseState } from '../../../shared/domain/workflow/types'
import { CaseDetails, CaseProgress } from '../../../shared/schemas/case'
import type { CaseRow } from './access'

export function caseFacts(row: CaseRow): CaseFacts {
  return {
    acceptedAt: row.acceptedAt,
    details: CaseDetails.parse(JSON.parse(row.details)),
    progress: CaseProgress.parse(JSON.parse(row.progress)),
  }
}

/**
 * The case as the workflow engine sees it: the guard field ids of the definitions (common.ts
 * and the category files) mapped from the case's columns, details and progress.
 */
export function caseState(
  row: CaseRow,
  related: { leadMediatorId: string | null; parties: readonly unknown[]; documents: string[] },
): CaseState {
  const { details, progress } = caseFacts(row)
  return {
    stage: row.stage,
    fields: {
      ...details,
      ...progress,
      caseSource: row.source,
      summary: row.summary,
      district: row.district,
      riskLevel: row.riskLevel,
      acceptedAt: row.acceptedAt,
      leadMediator: related.leadMediatorId,
      parties: related.parties,
    },
    documents: related.documents,
  }
}
