import type { TFunction } from 'i18next'

/** A translate function reduced to the call made here (the export's memoized one is this). */
type Translate = (key: string, options?: Record<string, unknown>) => string

/** 申请人1 / Applicant 1: the label a de-identified person goes by, in the given language. */
export function pseudonym(t: TFunction | Translate) {
  // i18next's overloaded TFunction answers this call shape; its generic types do not say so.
  const translate = t as Translate
  return (role: string, n: number): string =>
    translate('privacy.pseudonym', { role: translate(`case.partyRole.${role}`), n })
}
