import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../src/shared/contract'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })) },
}))
vi.mock('electron', () => electron)

await import('../../../src/preload/index')
// Captured at load time: that is when the preload runs, once per page.
const exposures = [...electron.contextBridge.exposeInMainWorld.mock.calls] as [string, unknown][]
const [name, api] = exposures[0] ?? []
const surface = api as Record<string, Record<string, (payload?: unknown) => Promise<unknown>>>

describe('the preload', () => {
  it('exposes exactly one global, window.concord', () => {
    expect(exposures).toHaveLength(1)
    expect(name).toBe('concord')
  })

  it('exposes one function per contract channel and nothing else', () => {
    const exposed = Object.entries(surface).flatMap(([namespace, methods]) =>
      Object.entries(methods).map(([method, fn]) => {
        expect(typeof fn).toBe('function')
        return `${namespace}.${method}`
      }),
    )
    expect(exposed.sort()).toEqual([...CHANNELS].sort())
  })

  it('never hands out ipcRenderer or a way to pick the channel', () => {
    const values = Object.values(surface).flatMap((methods) => Object.values(methods))
    expect(values).not.toContain(electron.ipcRenderer)
    expect(values).not.toContain(electron.ipcRenderer.invoke)
    expect(Object.isFrozen(surface)).toBe(true)
    for (const methods of Object.values(surface)) expect(Object.isFrozen(methods)).toBe(true)
  })

  it.each(CHANNELS)('concord.%s invokes its own channel with the payload', async (channel) => {
    const [namespace = '', method = ''] = channel.split('.')
    const payload = { probe: channel }
    await expect(surface[namespace]?.[method]?.(payload)).resolves.toEqual({
      ok: true,
      value: channel,
    })
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, payload)
  })
})
