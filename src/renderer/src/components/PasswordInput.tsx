import { PasswordInput as MantinePasswordInput, type PasswordInputProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Mantine's PasswordInput with its show/hide toggle named in the UI language. */
export function PasswordInput(props: PasswordInputProps) {
  const { t } = useTranslation()
  return (
    <MantinePasswordInput
      visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
      {...props}
    />
  )
}
