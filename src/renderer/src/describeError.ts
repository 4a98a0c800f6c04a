import type { TFunction } from 'i18next'
import { isConcordError } from './concord'

/**
 * The user-facing text for a failed call, localized by code in the UI's language. Parameters
 * come from the core (seconds, minutes, and for PASSWORD_POLICY the broken rules, already in
 * the language the UI last gave it).
 */
export function describeError(error: unknown, t: TFunction): string {
  if (!isConcordError(error)) return t('errors.INTERNAL')
  return t(`errors.${error.code}`, error.params)
}
