import type { CoreContext } from '../../src/main/core/context'
import { casePaths } from '../../src/main/core/paths'
import { loadPreferences } from '../../src/main/core/preferences'
import { Vault } from '../../src/main/core/vault'
import { createI18n } from '../../src/shared/i18n'
import { TEST_SCRYPT_COST } from './core'

/**
 * The context the router builds, for tests that drive a core function the channels do not
 * expose step by step (a key rotation failing between two steps).
 */
export function coreContext(dataDir: string): CoreContext {
  const paths = casePaths(dataDir)
  const preferences = loadPreferences(paths.preferences)
  return {
    paths,
    cost: TEST_SCRYPT_COST,
    vault: new Vault(),
    i18n: createI18n(preferences.language),
    pdf: null,
    now: () => new Date(),
    preferences,
    pendingSetup: null,
    org: null,
    lastActivity: Date.now(),
    audit: null,
  }
}
