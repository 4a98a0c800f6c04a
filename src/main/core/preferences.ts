import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { Language } from '../../shared/schemas/account'
import { DEFAULT_LANGUAGE } from '../../shared/i18n'
import { writeFileAtomic } from './atomic-file'

/** Per-computer preferences that must be readable while the case base is locked. Nothing personal. */
export const Preferences = z.object({ language: Language })
export type Preferences = z.infer<typeof Preferences>

export function loadPreferences(file: string): Preferences {
  try {
    return Preferences.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return { language: DEFAULT_LANGUAGE }
  }
}

export function savePreferences(file: string, preferences: Preferences): void {
  writeFileAtomic(file, JSON.stringify(preferences))
}
