import { statusOf } from '../context'
import { savePreferences } from '../preferences'
import type { Handlers } from '../handlers'

const SETTINGS_COLUMNS = [
  'name as orgName',
  'capacity as orgCapacity',
  'idleLockMinutes',
  'caseNumberPattern',
] as const

export const settingsHandlers = {
  async 'app.status'(_input, ctx) {
    return statusOf(ctx)
  },

  async 'app.activity'() {
    return null
  },

  async 'prefs.setLanguage'({ language }, ctx) {
    ctx.preferences = { ...ctx.preferences, language }
    savePreferences(ctx.paths.preferences, ctx.preferences)
    await ctx.i18n.changeLanguage(language)
    return statusOf(ctx)
  },

  async 'settings.get'(_input, ctx) {
    const org = await ctx.vault
      .caseBase()
      .db.selectFrom('organization')
      .select(SETTINGS_COLUMNS)
      .executeTakeFirstOrThrow()
    return org
  },

  async 'settings.update'(patch, ctx) {
    const { db } = ctx.vault.caseBase()
    const row = await db
      .updateTable('organization')
      .set({
        name: patch.orgName,
        idleLockMinutes: patch.idleLockMinutes,
        caseNumberPattern: patch.caseNumberPattern,
      })
      .returning(SETTINGS_COLUMNS)
      .executeTakeFirstOrThrow()
    ctx.org = { name: row.orgName, idleLockMinutes: row.idleLockMinutes }
    return row
  },
} satisfies Partial<Handlers>
