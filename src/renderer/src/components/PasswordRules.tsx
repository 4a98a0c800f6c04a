import { CheckIcon, CloseIcon, List, ThemeIcon, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { zhCN } from '../../../shared/i18n/zh-CN'
import { passwordProblems, type PasswordRule } from '../../../shared/password-policy'

const RULES = Object.keys(zhCN.passwordRule) as PasswordRule[]

/**
 * The same rules the core enforces, checked as the user types. `tooLong` only appears when it
 * is broken: nobody needs to be told about a 128-character ceiling up front.
 */
export function PasswordRules({ password, login = '' }: { password: string; login?: string }) {
  const { t } = useTranslation()
  const problems = passwordProblems(password, login)
  const shown = RULES.filter((rule) => rule !== 'tooLong' || problems.includes(rule))
  return (
    <List spacing={4} size="sm" aria-label={t('passwordRules.title')} data-testid="password-rules">
      {shown.map((rule) => {
        const met = password !== '' && !problems.includes(rule)
        return (
          <List.Item
            key={rule}
            data-met={met}
            c={met ? 'teal.9' : 'gray.7'}
            icon={
              <ThemeIcon size={18} radius="xl" color={met ? 'teal' : 'gray'} variant="light">
                {met ? <CheckIcon size={10} /> : <CloseIcon size="12px" />}
              </ThemeIcon>
            }
          >
            <VisuallyHidden>{t(met ? 'passwordRules.met' : 'passwordRules.unmet')}</VisuallyHidden>
            {/* The core's wording names the problem; a checklist names the requirement. */}
            {rule === 'common' ? t('passwordRules.notCommon') : t(`passwordRule.${rule}`)}
          </List.Item>
        )
      })}
    </List>
  )
}
