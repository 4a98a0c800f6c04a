import { z } from 'zod'
import { IsoDate } from '../domain/iso-date'
import { CaseCategory } from '../domain/workflow/types'
import { Password } from './account'

/**
 * PIPL duties recorded with the case (issue 4 item 4). The legal basis and the separate
 * consent for sensitive data are fields of each party (schemas/case.ts, PartyInput); the
 * requests a person makes about their data and the retention rules live here.
 */
export const DataRequestKind = z.enum(['access', 'correction', 'deletion', 'objection'])
export const DataRequestOutcome = z.enum(['pending', 'granted', 'partlyGranted', 'refused'])

const Id = z.string().min(1).max(64)

export const DataRequestInput = z.object({
  partyId: Id,
  kind: DataRequestKind,
  receivedAt: IsoDate,
  request: z.string().trim().min(1).max(2000),
})

/** A decision on a request; refusing or granting only in part needs the reason told to the person. */
export const DataRequestDecision = z
  .object({
    requestId: Id,
    outcome: DataRequestOutcome.exclude(['pending']),
    decidedAt: IsoDate,
    response: z.string().trim().max(2000).default(''),
  })
  .refine((d) => d.outcome === 'granted' || d.response.length > 0, {
    path: ['response'],
    message: 'reasonRequired',
  })

export const DataRequest = z.object({
  id: Id,
  partyId: Id,
  kind: DataRequestKind,
  receivedAt: z.string(),
  request: z.string(),
  outcome: DataRequestOutcome,
  response: z.string().nullable(),
  decidedAt: z.string().nullable(),
  recordedByName: z.string(),
})
export type DataRequest = z.infer<typeof DataRequest>

export const RetentionYears = z.int().min(1).max(100)

/** Years kept after closing, per category; a category without a policy is never listed. */
export const RetentionPolicy = z.object({
  category: CaseCategory,
  years: RetentionYears.nullable(),
})

/** A closed case past its category's retention period: what the list shows, nothing personal. */
export const RetentionDueCase = z.object({
  caseId: Id,
  number: z.string(),
  category: CaseCategory,
  stage: z.string(),
  closedAt: z.string(),
  keepUntil: z.string(),
})

/** The approving supervisor re-types their own password, as for a closing. */
export const AnonymizeInput = z.object({
  caseId: Id,
  version: z.int(),
  password: Password,
})
