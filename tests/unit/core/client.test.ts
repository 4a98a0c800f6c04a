import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCoreWorker } from '../../../src/main/core/client'
import { tempDir } from '../../support/core'

describe('the core worker client', () => {
  it('answers INTERNAL instead of hanging when the worker dies, now and afterwards', async () => {
    const data = tempDir()
    const core = startCoreWorker(resolve('tests/fixtures/dying-worker.mjs'), { dataDir: data.dir })
    const first = await core.handle({ channel: 'app.status' })
    expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    const later = await core.handle({ channel: 'app.status' })
    expect(later).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await core.close()
    data.remove()
  })
})
