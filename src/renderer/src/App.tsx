import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { I18nextProvider } from 'react-i18next'
import { Gate } from './Gate'
import { createRendererI18n } from './i18n'
import { createQueryClient } from './status'
import { cssVariablesResolver, theme } from './theme'

/**
 * The renderer's root. `env="test"` is for the DOM tests: Mantine then skips transitions and
 * portals, which happy-dom would only slow down.
 */
export function App({ env = 'default' }: { env?: 'default' | 'test' }) {
  const [queryClient] = useState(createQueryClient)
  const [i18n] = useState(createRendererI18n)
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env={env}>
          <Notifications position="bottom-right" />
          <Gate />
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>
  )
}
