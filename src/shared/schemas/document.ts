import { z } from 'zod'
import { IsoDate, IsoDateTime } from '../domain/iso-date'
import { PersonalDataView } from '../domain/masking'

/**
 * Documents generated from a case (issue 6 items 1–3). Each kind is defined once in the core
 * (src/main/core/documents/definitions) and rendered to DOCX and to PDF from the same model.
 */
export const DocumentKind = z.enum([
  'application', // 调解申请书／受理登记表
  'rightsNotice', // 权利义务告知书 (PML Arts. 23–24)
  'sessionRecord', // 调解笔录, one per session entry (Art. 27)
  'investigationRecord', // 调查笔录 (Art. 20)
  'agreement', // 调解协议书 (Art. 29)
  'householdAgreements', // one 调解协议书 per household, in one file
  'oralAgreement', // 口头调解协议登记 (Art. 28)
  'followUpRecord', // 回访记录 (Art. 31)
  'terminationNotice', // 终止调解告知书 (Art. 26)
  'mandatoryReport', // 强制报告记录 (反家庭暴力法第十四条)
  'caseSummary', // one page for supervisors
  'caseFile', // the bound 卷宗, PDF only
])
export type DocumentKind = z.infer<typeof DocumentKind>

export const DocumentFormat = z.enum(['docx', 'pdf'])
export type DocumentFormat = z.infer<typeof DocumentFormat>

/** Kinds made from one timeline entry: the user picks which. */
export const ENTRY_KINDS = {
  sessionRecord: 'session',
  investigationRecord: 'investigation',
  followUpRecord: 'followUp',
} as const satisfies Partial<Record<DocumentKind, string>>

/** What the 强制报告 record needs that the case does not hold: filled in the generate dialog. */
export const MandatoryReportOptions = z.object({
  reportedAt: z.union([IsoDate, IsoDateTime]),
  /** The police station or other body the report went to. */
  reportedTo: z.string().trim().min(1).max(120),
  method: z.enum(['phone', 'inPerson', 'written']),
  receiptNo: z.string().trim().max(60).optional(),
  /** What was suspected, in the reporter's words. */
  circumstances: z.string().trim().min(1).max(4000),
})
export type MandatoryReportOptions = z.infer<typeof MandatoryReportOptions>

export const DocumentOptions = z.object({
  /** The timeline entry of a session, investigation or follow-up record. */
  entryId: z.string().min(1).max(64).optional(),
  mandatoryReport: MandatoryReportOptions.optional(),
})
export type DocumentOptions = z.infer<typeof DocumentOptions>

export const DocumentGenerateInput = z.object({
  caseId: z.string().min(1).max(64),
  kind: DocumentKind,
  format: DocumentFormat,
  view: PersonalDataView.default('full'),
  /** Caucus notes and restricted files: left out unless the user explicitly asks. */
  includeRestricted: z.boolean().default(false),
  options: DocumentOptions.default({}),
})
export type DocumentGenerateInput = z.input<typeof DocumentGenerateInput>

export const GeneratedDocument = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes'),
})

/** One document this case can produce, or why not yet (missing: i18n keys under documents.missingItem). */
export const DocumentAvailability = z.object({
  kind: DocumentKind,
  formats: z.array(DocumentFormat),
  available: z.boolean(),
  missing: z.array(z.string()),
  /** For entry kinds: the entries to choose from, newest first. */
  entries: z.array(z.object({ id: z.string(), occurredAt: z.string(), restricted: z.boolean() })),
  /** Needs extra answers in the generate dialog (the 强制报告 record). */
  needsOptions: z.boolean(),
})
export type DocumentAvailability = z.infer<typeof DocumentAvailability>
