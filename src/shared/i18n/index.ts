import { createInstance, type i18n } from 'i18next'
import type { Language } from '../schemas/account'
import { en } from './en'
import { zhCN } from './zh-CN'

export const DEFAULT_LANGUAGE: Language = 'zh-CN'
export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const

/** One configured i18next instance; the renderer adds react-i18next, the core uses it bare. */
export function createI18n(language: Language = DEFAULT_LANGUAGE): i18n {
  const instance = createInstance({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  void instance.init()
  return instance
}
