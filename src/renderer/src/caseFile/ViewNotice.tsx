import { Alert, List, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseFile } from '../cases/api'
import { useDates } from '../format'

/**
 * Says why the case looks incomplete or cannot change: the auditor's masked view names every
 * part left out, an anonymized case says when its personal data went.
 */
export function ViewNotice({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const dates = useDates()
  return (
    <>
      {file.anonymizedAt && (
        <Alert
          color="gray"
          variant="light"
          title={t('privacy.maskedView.anonymized', { date: dates.date(file.anonymizedAt) })}
        />
      )}
      {file.view === 'masked' && (
        <Alert color="blue" variant="light" title={t('privacy.maskedView.title')}>
          <Text size="sm">{t('privacy.maskedView.body')}</Text>
          <List size="sm" mt={4}>
            {file.withheld.map((part) => (
              <List.Item key={part}>{t(`privacy.withheld.${part}`)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  )
}

/**
 * Case content the signed-in user may only read (the auditor's view, an anonymized case):
 * a disabled fieldset turns off every control inside it at once, so no tab can offer an edit
 * that the core would refuse anyway.
 */
export function ReadOnly({ when, children }: { when: boolean; children: ReactNode }) {
  if (!when) return children
  return (
    <fieldset disabled style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      {children}
    </fieldset>
  )
}
