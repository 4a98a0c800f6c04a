import type { TFunction } from 'i18next'
import type { PasswordRule } from '../../shared/password-policy'
import { zhCN } from '../../shared/i18n/zh-CN'
import { isConcordError } from './concord'

export const isPasswordRule = (rule: string): rule is PasswordRule =>
  Object.hasOwn(zhCN.passwordRule, rule)

/**
 * The user-facing text for a failed call, in the UI's language. The core's own message is in
 * the language it was last told; localizing by code here keeps a just-switched UI consistent.
 */
export function describeError(error: unknown, t: TFunction): string {
  if (!isConcordError(error)) return t('errors.INTERNAL')
  if (error.code === 'PASSWORD_POLICY') {
    const rules = error.fields.map((f) => f.rule).filter(isPasswordRule)
    if (rules.length > 0) {
      const list = rules.map((rule) => t(`passwordRule.${rule}`)).join(t('common.listSeparator'))
      return t('errors.PASSWORD_POLICY', { rules: list })
    }
  }
  return t(`errors.${error.code}`, error.params)
}
