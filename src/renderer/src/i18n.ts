import type { i18n as I18n } from 'i18next'
import { createI18n } from '../../shared/i18n'
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
