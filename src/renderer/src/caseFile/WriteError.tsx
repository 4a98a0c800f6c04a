import { Alert, Button, Group, List, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { isConcordError } from '../concord'
import { describeError } from '../describeError'
import { useReloadCase } from '../cases/api'
import { problemsFromFields, useDescribeProblem } from './problems'

/**
 * A refused write. CONFLICT (someone else saved first) offers to reload the case; the form
 * around this keeps what the user typed, so sending again after the reload loses nothing.
 */
export function WriteError({
  error,
  caseId,
  onReloaded,
}: {
  error: unknown
  caseId: string
  /** Clears the refusal once the fresh version is on screen. */
  onReloaded: () => void
}) {
  const { t } = useTranslation()
  const reload = useReloadCase(caseId)
  const describe = useDescribeProblem()
  if (!error) return null
  const blocked = isConcordError(error, 'TRANSITION_BLOCKED')
    ? problemsFromFields(error.fields)
    : []
  return (
    <Alert color="red" variant="light" role="alert">
      <Stack gap="xs">
        {blocked.length > 0 ? (
          <>
            <Text size="sm">{t('caseFile.blocked')}</Text>
            <List size="sm">
              {blocked.map((problem) => (
                <List.Item key={describe(problem)}>{describe(problem)}</List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm">{describeError(error, t)}</Text>
        )}
        {isConcordError(error, 'CONFLICT') && (
          <Group>
            <Button
              size="xs"
              variant="white"
              color="red"
              onClick={() => void reload().then(onReloaded)}
            >
              {t('caseFile.reload')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  )
}
