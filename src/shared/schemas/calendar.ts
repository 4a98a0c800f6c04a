import { z } from 'zod'
import { IsoDate } from '../domain/iso-date'

export const OverrideKind = z.enum(['holiday', 'workday', 'ordinary'])
export type OverrideKind = z.infer<typeof OverrideKind>

/** The holiday calendar as the 设置 page shows it: shipped years and an administrator's days. */
export const CalendarView = z.object({
  years: z.array(
    z.object({
      year: z.int(),
      version: z.int(),
      source: z.string(),
      sourceUrl: z.string().nullable(),
      verified: z.boolean(),
    }),
  ),
  overrides: z.array(
    z.object({
      date: z.string(),
      kind: OverrideKind,
      reason: z.string(),
      recordedByName: z.string(),
      recordedAt: z.string(),
    }),
  ),
})
export type CalendarView = z.infer<typeof CalendarView>

export const CalendarOverrideInput = z.object({
  date: IsoDate,
  kind: OverrideKind,
  reason: z.string().trim().min(1).max(500),
})
