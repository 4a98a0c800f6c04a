// The process the crash loop kills (crash-loop.test.ts). Bundled by the test into plain JS so
// it starts in a fraction of a second; run as `node crash-child.mjs <config json>`.
// Protocol on stdout, one line each, written only AFTER the core answered ok:
//   ready                      signed in
//   case <caseId>              a case was registered (committed)
//   ack <caseId> <marker>      a timeline entry with body <marker> was committed
import { createCore } from '../../src/main/core/router'
import type { ChannelInput, ChannelOutput } from '../../src/shared/contract'
import type { ScryptCost } from '../../src/main/core/crypto/kdf'

interface ChildConfig {
  dataDir: string
  scryptCost: ScryptCost
  login: string
  password: string
  run: number
  newCase: ChannelInput<'cases.create'>
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig
const core = createCore({
  dataDir: config.dataDir,
  scryptCost: config.scryptCost,
  // Codes and error classes only (router.ts); the parent shows them if a run fails.
  log: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
})

async function call(channel: string, payload?: unknown): Promise<unknown> {
  const result = await core.handle({ channel, payload })
  if (!result.ok)
    throw new Error(`${channel}: ${result.error.code} ${JSON.stringify(result.error.fields ?? [])}`)
  return result.value
}

// Pipes are written synchronously on POSIX, so a line printed is a line the parent can read.
const say = (line: string) => process.stdout.write(`${line}\n`)

async function main(): Promise<void> {
  await call('auth.unlock', { login: config.login, password: config.password })
  say('ready')
  type CaseFile = ChannelOutput<'cases.get'>
  let file = (await call('cases.create', config.newCase)) as CaseFile
  say(`case ${file.id}`)
  for (let n = 0; ; n++) {
    const marker = `crash-${config.run}-${n}`
    file = (await call('timeline.add', {
      caseId: file.id,
      version: file.version,
      entry: { kind: 'note', occurredAt: '2026-03-03T09:00', body: marker },
    })) as CaseFile
    say(`ack ${file.id} ${marker}`)
  }
}

main().catch((error: unknown) => {
  say(`error ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
