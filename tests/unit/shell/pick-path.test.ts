import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import type { Result } from '../../../src/shared/errors'
import { registerIpc } from '../../../src/main/shell/ipc'

/**
 * Issue 5: the backup folder and archive can be picked in a native dialog, but only after the
 * core has accepted the request (an administrator, a valid payload). The page never gets to
 * open a dialog, or learn a path, on its own.
 */
type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<unknown>>
const TRUSTED = { senderFrame: { url: 'app://concord/index.html', parent: null } }

function gate(answer: Result<unknown>) {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) }
  const pickPath = vi.fn(async (kind: 'folder' | 'file') => (kind === 'folder' ? 'D:\\备份' : null))
  const handle = vi.fn(async () => answer)
  registerIpc(ipcMain as unknown as IpcMain, { handle }, { pickPath })
  const invoke = (payload: unknown) =>
    handlers.get('backup.pickPath')?.(TRUSTED as unknown as IpcMainInvokeEvent, payload)
  return { invoke, pickPath, handle }
}

describe('backup.pickPath in the shell', () => {
  it('shows the dialog once the core allowed the request, and returns the pick', async () => {
    const { invoke, pickPath, handle } = gate({ ok: true, value: { path: null } })
    await expect(invoke({ kind: 'folder' })).resolves.toEqual({
      ok: true,
      value: { path: 'D:\\备份' },
    })
    expect(handle).toHaveBeenCalledExactlyOnceWith({
      channel: 'backup.pickPath',
      payload: { kind: 'folder' },
    })
    expect(pickPath).toHaveBeenCalledExactlyOnceWith('folder')
    await expect(invoke({ kind: 'file' })).resolves.toEqual({ ok: true, value: { path: null } })
  })

  it('shows nothing when the core refuses (not an administrator, bad payload)', async () => {
    const refusal: Result<unknown> = {
      ok: false,
      error: { code: 'FORBIDDEN', message: 'FORBIDDEN' },
    }
    const { invoke, pickPath } = gate(refusal)
    await expect(invoke({ kind: 'folder' })).resolves.toBe(refusal)
    expect(pickPath).not.toHaveBeenCalled()
  })
})
