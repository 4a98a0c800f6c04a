import { join } from 'node:path'

/** Every file the core keeps in its data folder (README: "where the data lives"). */
export function casePaths(dataDir: string) {
  return {
    dataDir,
    caseBase: join(dataDir, 'concord.db'),
    /** A case base under construction during first-run setup; renamed to caseBase at the end. */
    setupCaseBase: join(dataDir, 'concord.setup.db'),
    keyring: join(dataDir, 'keyring.json'),
    attempts: join(dataDir, 'login-attempts.json'),
    /** Counted apart, so that a password lockout still leaves the recovery code usable. */
    recoveryAttempts: join(dataDir, 'recovery-attempts.json'),
    preferences: join(dataDir, 'preferences.json'),
    safetyDir: join(dataDir, 'safety'),
  }
}
export type CasePaths = ReturnType<typeof casePaths>
