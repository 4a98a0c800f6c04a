import type { DocumentKind } from '../../../../shared/schemas/document'
import { agreement, householdAgreements, oralAgreement } from './agreement'
import type { DocumentDefinition } from './common'
import { application, rightsNotice } from './intake'
import { mandatoryReport } from './mandatory-report'
import { followUpRecord, investigationRecord, sessionRecord } from './records'
import { caseSummary } from './summary'
import { terminationNotice } from './termination'

/** Every single document, by kind; the bound 卷宗 (binder.ts) is assembled from these. */
export const DEFINITIONS: Record<Exclude<DocumentKind, 'caseFile'>, DocumentDefinition> = {
  application,
  rightsNotice,
  sessionRecord,
  investigationRecord,
  agreement,
  householdAgreements,
  oralAgreement,
  followUpRecord,
  terminationNotice,
  mandatoryReport,
  caseSummary,
}
