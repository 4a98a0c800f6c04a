/**
 * npm run bench [-- --cases <n>] [--out <file>]: the performance figures of docs/performance.md
 * on a seeded case base (built once into bench/.cache, then copied for each run).
 */
import { parseArgs } from 'node:util'
import { runBench, table } from './bench'

const say = (line: string) => process.stdout.write(`${line}\n`)

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    out: { type: 'string', default: 'bench/results.json' },
    rounds: { type: 'string', default: '20' },
  },
})

const figures = await runBench({
  cases: Number(values.cases),
  cacheDir: 'bench/.cache',
  out: values.out,
  rounds: Number(values.rounds),
  workerFile: 'out/main/worker.js',
  log: (line) => say(`… ${line}`),
})
say(table(figures))
say(`written to ${values.out}`)
