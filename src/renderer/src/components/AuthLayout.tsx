import { Box, Container, Group, Paper, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from './LanguageSwitch'

/** The frame of every screen shown while the case base is closed: setup, login, recovery. */
export function AuthLayout({ size = 480, children }: { size?: number; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Box mih="100vh" bg="gray.1">
      <Group component="header" justify="space-between" px="lg" py="sm" wrap="nowrap">
        <Text fw={600} c="indigo.9">
          {t('app.name')}
        </Text>
        <LanguageSwitch />
      </Group>
      <Container component="main" size={size} pt="xl" pb="xl">
        <Paper withBorder shadow="sm" p="xl">
          {children}
        </Paper>
      </Container>
    </Box>
  )
}
