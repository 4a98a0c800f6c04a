import { runAdmin } from './cli'
import { terminalIo } from './terminal'

/** `npm run admin -- <command> …`: the administrator's command line under plain Node. */
process.exitCode = await runAdmin(process.argv.slice(2), terminalIo())
