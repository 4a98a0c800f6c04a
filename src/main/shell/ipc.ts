import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS, type Channel } from '../../shared/contract'
import type { ErrorCode, Result } from '../../shared/errors'
import type { Core } from '../core/router'
import { causeOf, type LogEvent } from './log'
import { isTrustedSender } from './sender'

export interface IpcGateOptions {
  devServerUrl?: string
  log?: (event: LogEvent) => void
  /** The native folder/file dialog for `backup.pickPath`, shown after the core allowed it. */
  pickPath?: (kind: 'folder' | 'file') => Promise<string | null>
}

/** The renderer localizes by code; the message is only for logs. */
const failure = (code: ErrorCode): Result<never> => ({ ok: false, error: { code, message: code } })

/** A frame that navigated or closed mid-call may be null or throw on access: not trusted. */
function isTrustedEvent(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  try {
    const frame = event.senderFrame
    return frame !== null && isTrustedSender(frame.url, frame.parent === null, devServerUrl)
  } catch {
    return false
  }
}

/**
 * The one gate between renderer and core. Only contract channels are registered, so anything
 * else is refused by Electron itself. The gate checks who is asking; what is asked (payload
 * shape, permissions) is the core's job, done once there. It never throws: a rejected invoke
 * would carry an Error message, and possibly details, to the page.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  core: Pick<Core, 'handle'>,
  { devServerUrl, log, pickPath }: IpcGateOptions,
): void {
  const forward = async (channel: Channel, payload: unknown): Promise<Result<unknown>> => {
    try {
      const result = await core.handle({ channel, payload })
      // The core validated the payload and the caller's role; only then is a dialog shown.
      if (channel === 'backup.pickPath' && result.ok && pickPath) {
        const { kind } = payload as { kind: 'folder' | 'file' }
        return { ok: true, value: { path: await pickPath(kind) } }
      }
      return result
    } catch (error) {
      log?.({ level: 'error', channel, code: 'INTERNAL', cause: causeOf(error) })
      return failure('INTERNAL')
    }
  }

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (isTrustedEvent(event, devServerUrl)) return forward(channel, payload)
      log?.({ level: 'warn', channel, code: 'FORBIDDEN' })
      return Promise.resolve(failure('FORBIDDEN'))
    })
  }
}
