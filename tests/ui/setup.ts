import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
  // The frame keeps its page in the location hash; each test starts on the default page.
  window.location.hash = ''
})
