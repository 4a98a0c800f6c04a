import { NativeSelect } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Language } from '../../../shared/schemas/account'
import { call, concord } from '../concord'
import { useApplyStatus } from '../status'

/**
 * Switches the UI at once and stores the choice in the core, which keeps it per computer (so
 * the login screen opens in it next time) and answers in it from then on.
 */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation()
  const applyStatus = useApplyStatus()
  const save = useMutation({
    mutationFn: (language: Language) => call(concord().prefs.setLanguage({ language })),
    onSuccess: applyStatus,
  })
  return (
    <NativeSelect
      aria-label={t('language.label')}
      value={i18n.language}
      data={Language.options.map((language) => ({
        value: language,
        label: t(`language.${language}`),
      }))}
      onChange={(event) => {
        const language = Language.parse(event.currentTarget.value)
        void i18n.changeLanguage(language)
        save.mutate(language)
      }}
      size={size}
      w={size === 'xs' ? 130 : 240}
    />
  )
}
