import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import classes from './RecoveryCode.module.css'

/** The recovery code as numbered groups, big enough to copy onto paper without mistakes. */
export function RecoveryCode({ code }: { code: string }) {
  const { t } = useTranslation()
  return (
    <div className={classes.code} data-testid="recovery-code">
      {code.split('-').map((group, i) => (
        <Fragment key={i}>
          {i > 0 && <span className={classes.separator}>-</span>}
          <span className={classes.group} data-label={t('setup.recoveryGroup', { n: i + 1 })}>
            {group}
          </span>
        </Fragment>
      ))}
    </div>
  )
}
