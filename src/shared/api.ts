import type { Channel, ChannelInput, ChannelOutput } from './contract'
import type { Result } from './errors'

type Namespace<C> = C extends `${infer N}.${string}` ? N : never
type Method<C, N extends string> = C extends `${N}.${infer M}` ? M : never

type Call<C extends Channel> =
  undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>

/** `window.concord`: one named function per contract channel, e.g. `concord.auth.unlock(…)`. */
export type ConcordApi = {
  readonly [N in Namespace<Channel>]: {
    readonly [M in Method<Channel, N>]: Call<`${N}.${M}` & Channel>
  }
}

/**
 * Builds the `window.concord` surface from the channel list. It must stay self-contained (no
 * imports, no closures): the end-to-end harness injects `buildApi.toString()` into the page so
 * that the browser gets exactly the surface the preload builds.
 */
export function buildApi(
  channels: readonly string[],
  invoke: (channel: string, payload: unknown) => Promise<unknown>,
): unknown {
  const api: Record<string, Record<string, (payload?: unknown) => Promise<unknown>>> = {}
  for (const channel of channels) {
    const [namespace, method] = channel.split('.') as [string, string]
    api[namespace] ??= {}
    api[namespace][method] = (payload?: unknown) => invoke(channel, payload)
  }
  for (const namespace of Object.values(api)) Object.freeze(namespace)
  return Object.freeze(api)
}
