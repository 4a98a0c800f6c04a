import { Stack } from '@mantine/core'
import type { GetInputPropsReturnType } from '@mantine/form'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { PasswordInput } from './PasswordInput'
import { passwordProblems } from '../../../shared/password-policy'
import { PasswordRules } from './PasswordRules'

/** New password + repeat + the live rule list: setup, recovery reset and change password. */
export function PasswordFields({
  password,
  login,
  passwordInput,
  repeatInput,
  label,
  repeatLabel,
}: {
  password: string
  login: string
  passwordInput: GetInputPropsReturnType
  repeatInput: GetInputPropsReturnType
  label?: string
  repeatLabel?: string
}) {
  const { t } = useTranslation()
  return (
    <Stack gap="xs">
      <PasswordInput
        label={label ?? t('setup.password')}
        autoComplete="new-password"
        {...passwordInput}
      />
      <PasswordRules password={password} login={login} />
      <PasswordInput
        label={repeatLabel ?? t('setup.passwordRepeat')}
        autoComplete="new-password"
        {...repeatInput}
      />
    </Stack>
  )
}

/** Field errors for a submit; the password's names the first rule it still breaks. */
export function newPasswordErrors(t: TFunction, password: string, repeat: string, login: string) {
  const [problem] = passwordProblems(password, login)
  return {
    password: problem ? t(`passwordRule.${problem}`) : null,
    repeat: repeat === password ? null : t('setup.passwordMismatch'),
  }
}
