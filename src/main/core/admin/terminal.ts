import type { AdminIo } from './cli'

/**
 * The real terminal: lines to stdout/stderr, secrets typed with echo off. Shared by the
 * development entry (node.ts) and the installed app's executable (the shell).
 */
export function terminalIo(): AdminIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    promptSecret,
    readStdin,
    env: process.env,
    platform: process.platform,
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Raw mode: each key arrives alone and nothing is echoed; Enter ends, Ctrl+C aborts. */
function promptSecret(prompt: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) return Promise.reject(new Error('no terminal: use --password-file'))
  process.stderr.write(prompt)
  input.setRawMode(true)
  input.resume()
  input.setEncoding('utf8')
  return new Promise((resolve, reject) => {
    let typed = ''
    const done = (error?: Error) => {
      input.setRawMode(false)
      input.pause()
      input.off('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(typed)
    }
    const onData = (text: string) => {
      for (const char of text) {
        if (char === '\r' || char === '\n') return done()
        if (char === '\u0003') return done(new Error('aborted'))
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1)
        else typed += char
      }
    }
    input.on('data', onData)
  })
}
