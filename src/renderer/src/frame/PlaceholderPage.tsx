import { EmptyState, Paper, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Pages whose features arrive in later work; each says what will live there. */
export function PlaceholderPage({ page }: { page: 'statistics' | 'backup' }) {
  const { t } = useTranslation()
  return (
    <Stack>
      <Title order={2}>{t(`pages.${page}.title`)}</Title>
      <Paper withBorder p="xl">
        <EmptyState description={t(`pages.${page}.empty`)} />
      </Paper>
    </Stack>
  )
}
