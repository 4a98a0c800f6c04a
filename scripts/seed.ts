/**
 * npm run seed -- --dir <folder> --cases <n> [--seed <n>] [--today YYYY-MM-DD] [--password-file <f>]
 *
 * Creates a demonstration case base (docs/performance.md). The password for every demo account
 * comes from the file or from a prompt that does not echo, never from the command line, where
 * it would stay in the shell history and the process list.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { todayInChina } from '../src/shared/domain/iso-date'
import { seedCaseBase } from '../src/main/core/demo/seed'

const say = (line: string) => process.stdout.write(`${line}\n`)
const complain = (line: string) => process.stderr.write(`${line}\n`)

async function promptPassword(question: string): Promise<string> {
  const { stdin, stdout } = process
  if (!stdin.isTTY) throw new Error('no terminal to ask for the password: use --password-file')
  stdout.write(question)
  stdin.setRawMode(true)
  stdin.resume()
  let typed = ''
  return new Promise((done, fail) => {
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') {
          stdin.setRawMode(false)
          fail(new Error('cancelled'))
          return
        }
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false)
          stdin.pause()
          stdin.off('data', onData)
          stdout.write('\n')
          done(typed)
          return
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1)
        else typed += char
      }
    }
    stdin.on('data', onData)
  })
}

async function main() {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      cases: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string' },
      'password-file': { type: 'string' },
    },
  })
  if (!values.dir) throw new Error('--dir <folder> is required')
  const dir = resolve(values.dir)
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`${dir} is not empty: a demo case base needs a new folder`)
  }
  const cases = Number(values.cases)
  const seed = Number(values.seed)
  if (!Number.isInteger(cases) || cases < 0) throw new Error('--cases must be a whole number')
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number')
  let password: string
  if (values['password-file']) {
    password = readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '')
  } else {
    password = await promptPassword('Password for every demo account / 演示账号密码: ')
    if (password !== (await promptPassword('Again / 再次输入: '))) {
      throw new Error('the passwords differ')
    }
  }
  const started = performance.now()
  const accounts = await seedCaseBase(dir, {
    cases,
    seed,
    password,
    today: values.today ?? todayInChina(),
    progress: (done, total) => process.stdout.write(`\r${done} / ${total}`),
  })
  process.stdout.write('\n')
  say(`Case base written to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  say('Accounts (all with the password you gave):')
  for (const a of accounts) say(`  ${a.login.padEnd(10)} ${a.role.padEnd(10)} ${a.displayName}`)
}

main().catch((error: unknown) => {
  complain(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
