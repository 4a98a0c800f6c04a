import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { isConcordError } from './concord'
import { useLabel } from './i18n'

/** A form rule from a contract schema: the core will run the same schema on the same value. */
export function unless(schema: z.ZodType, value: unknown, message: string): string | null {
  return schema.safeParse(value).success ? null : message
}

export type FieldErrors = Record<string, string>

/**
 * Localized messages for a schema's issues, by dotted path ('details.warningLetterDate'). The
 * domain's refinements name their message key (validation.date, validation.residentId.checksum
 * …); zod's own checks map to a few generic messages.
 */
export function useFieldMessages() {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const message = (issue: z.core.$ZodIssue): string => {
    const own = `validation.${issue.message}`
    if (issue.code === 'custom' && i18n.exists(own)) return label(own)
    switch (issue.code) {
      case 'too_small':
        return issue.origin === 'string' || issue.origin === 'array'
          ? t('validation.required')
          : t('validation.atLeast', { minimum: String(issue.minimum) })
      case 'too_big':
        return issue.origin === 'string'
          ? t('validation.tooLong', { maximum: String(issue.maximum) })
          : t('validation.atMost', { maximum: String(issue.maximum) })
      case 'invalid_type':
      case 'invalid_value':
        return t('validation.required')
      default:
        return t('validation.invalid')
    }
  }
  return {
    fromIssues(issues: readonly z.core.$ZodIssue[]): FieldErrors {
      const errors: FieldErrors = {}
      for (const issue of issues) errors[issue.path.map(String).join('.')] ??= message(issue)
      return errors
    },
    /** The core's own refusals (VALIDATION with fields) for fields the client let through. */
    fromCore(error: unknown): FieldErrors {
      if (!isConcordError(error, 'VALIDATION')) return {}
      return Object.fromEntries(
        error.fields.map((field) => {
          const own = `validation.${field.rule}`
          return [field.path, i18n.exists(own) ? label(own) : t('validation.invalid')]
        }),
      )
    },
  }
}
