import { z } from 'zod'
import { IsoDate } from '../domain/iso-date'

/** 'denied': a refused attempt (FORBIDDEN, or NOT_FOUND on a case), recorded all the same. */
export const AuditOutcome = z.enum(['ok', 'denied'])
export type AuditOutcome = z.infer<typeof AuditOutcome>

/**
 * One changed field of an entry. Values are the JSON text of the field before and after.
 * 'hidden': the caller may not read case content (an administrator), so only the path shows;
 * 'redacted': the personal value was erased after the case was anonymized (PIPL).
 */
export const AuditChange = z.object({
  path: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  state: z.enum(['shown', 'hidden', 'redacted']),
})
export type AuditChange = z.infer<typeof AuditChange>

export const AuditEntry = z.object({
  seq: z.int(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  /** A contract channel, or one of the few actions without one (auth.idleLock). */
  action: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  outcome: AuditOutcome,
  changes: z.array(AuditChange),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** Newest first; `before` is the seq of the last entry of the previous page (keyset paging). */
export const AuditQuery = z.object({
  userId: z.string().max(64).optional(),
  caseId: z.string().max(64).optional(),
  /** Part of a case number, e.g. "0012" or "家调字". */
  caseNumber: z.string().trim().max(40).optional(),
  action: z.string().max(64).optional(),
  /** China dates, both included. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  before: z.int().min(1).optional(),
  limit: z.int().min(1).max(200).default(50),
})
export type AuditQuery = z.input<typeof AuditQuery>

export const AuditPage = z.object({
  rows: z.array(AuditEntry),
  /** Pass as `before` for the next page; null on the last page. */
  next: z.int().nullable(),
})

export const AuditBreak = z.enum(['edited', 'detail', 'link', 'gap', 'tail'])
export type AuditBreak = z.infer<typeof AuditBreak>

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.int(),
  /** Detail values erased by anonymization: expected, not a break. */
  redacted: z.int(),
  firstBroken: z.object({ seq: z.int(), at: z.string(), reason: AuditBreak }).optional(),
})
export type AuditVerification = z.infer<typeof AuditVerification>
