import type { i18n as I18n } from 'i18next'
import { createI18n } from '../../shared/i18n'
import { useTranslation } from 'react-i18next'
import type { Messages } from '../../shared/i18n/zh-CN'

declare module 'i18next' {
  // Every t() key in the renderer is checked against the reference locale.
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Messages }
  }
}

/** The renderer's i18next instance; the document's lang and title follow its language. */
export function createRendererI18n(): I18n {
  const i18n = createI18n()
  const follow = () => {
    document.documentElement.lang = i18n.language
    document.title = i18n.t('app.name')
  }
  follow()
  i18n.on('languageChanged', follow)
  return i18n
}

type UntypedT = (key: string, options?: Record<string, unknown>) => string

/**
 * t() for keys built from domain ids the types only know as strings (stage, field, document,
 * clock and event ids): domainLabelKeys() derives those keys from the same workflow data and
 * the locale test checks both languages have them, so the check moves there from the compiler.
 */
export function useLabel(): UntypedT {
  const { t } = useTranslation()
  return t as unknown as UntypedT
}
