import type { z } from 'zod'
import type { CaseDetails, CaseProgress } from '../../schemas/case'

/** What a case records about itself beyond its columns. */
export interface CaseFacts {
  acceptedAt: string
  details: z.infer<typeof CaseDetails>
  progress: z.infer<typeof CaseProgress>
}

/**
 * Clock start events a case field already records. The field is the one place to change them:
 * the core rewrites these events on every write of the facts and refuses them in
 * cases.recordEvent; the case page offers only the other events for manual recording.
 */
export const FIELD_EVENTS: Readonly<Record<string, (facts: CaseFacts) => string | undefined>> = {
  accepted: (f) => f.acceptedAt,
  agreementEffective: (f) => f.progress.agreementEffectiveAt,
  petitionReceived: (f) =>
    f.details.category === 'petition' ? f.details.petitionReceivedAt : undefined,
  petitionAccepted: (f) =>
    f.details.category === 'petition' ? f.details.petitionAcceptedAt : undefined,
  protectionOrderIssued: (f) =>
    f.details.category === 'family' ? f.details.protectionOrderIssuedAt : undefined,
  committeeTermEnds: (f) =>
    f.details.category === 'owners' ? f.details.committeeTermEnd : undefined,
  propertyContractExpires: (f) =>
    f.details.category === 'owners' ? f.details.propertyContractExpiry : undefined,
}

export function isFieldEvent(eventId: string): boolean {
  return Object.hasOwn(FIELD_EVENTS, eventId)
}
