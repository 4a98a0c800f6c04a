import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { describeError } from '../describeError'

/** A failed call's message, announced to screen readers as it appears. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation()
  if (!error) return null
  return (
    <Alert color="red" variant="light" role="alert">
      {describeError(error, t)}
    </Alert>
  )
}
