import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// happy-dom has no FontFaceSet; Mantine's autosizing Textarea listens on it for font loads.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener() {}, removeEventListener() {} },
  })
}

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
  // The frame keeps its page in the location hash; each test starts on the default page.
  window.location.hash = ''
})
