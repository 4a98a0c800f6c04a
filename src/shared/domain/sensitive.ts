import { z } from 'zod'

/**
 * What a reader outside the case team (the auditor role: the evaluating agency) never sees,
 * even masked (issue 4 item 2). The case page names each withheld part, so the reader knows
 * the file is incomplete on purpose.
 *
 * - caucusNotes: restricted (背靠背) timeline entries and restricted attachments.
 * - familySafety: domestic-violence details — incidents, risk tool, warning letters,
 *   protection orders, shelter referral, safety plan.
 * - accusationMaterial: a petition that accuses someone (检举控告): its summary and records.
 * - minorsIdentity: a minor is never shown even masked, only as a role and number.
 * - attachments: scans of IDs, signed agreements and photos cannot be masked.
 * - dataRequests: what a person asked about their own data.
 */
export const WithheldPart = z.enum([
  'caucusNotes',
  'familySafety',
  'accusationMaterial',
  'minorsIdentity',
  'attachments',
  'dataRequests',
])
export type WithheldPart = z.infer<typeof WithheldPart>

export const FAMILY_SAFETY_FIELDS = [
  'riskTool',
  'warningLetterNo',
  'warningLetterDate',
  'protectionOrderNo',
  'protectionOrderIssuedAt',
  'protectionOrderExpiresAt',
  'shelterReferral',
  'safetyPlan',
  'incidents',
] as const
