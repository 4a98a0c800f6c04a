import type { z } from 'zod'
import type { Channel, Contract } from '../../shared/contract'
import type { CoreContext } from './context'
import { attachmentHandlers } from './services/attachments'
import { auditHandlers } from './services/audit'
import { authHandlers } from './services/auth'
import { backupHandlers } from './services/backup'
import { caseListHandlers } from './services/case-list'
import { caseHandlers } from './services/cases'
import { clockHandlers } from './services/clocks'
import { clockAdjustmentHandlers } from './services/clock-adjustments'
import { calendarHandlers } from './services/calendar'
import { partyHandlers } from './services/parties'
import { privacyHandlers } from './services/privacy'
import { ledgerImportHandlers } from './services/ledger-import'
import { savedFilterHandlers } from './services/saved-filters'
import { documentHandlers } from './services/documents'
import { searchHandlers } from './services/search'
import { settingsHandlers } from './services/settings'
import { statisticsHandlers } from './services/statistics'
import { setupHandlers } from './services/setup'
import { timelineHandlers } from './services/timeline'
import { transitionHandlers } from './services/transitions'
import { userHandlers } from './services/users'
import { keyHandlers } from './services/keys'

export type Handler<C extends Channel> = (
  input: z.output<Contract[C]['input']>,
  ctx: CoreContext,
) => Promise<z.input<Contract[C]['output']>>

export type Handlers = { [C in Channel]: Handler<C> }

/** Exactly one implementation per contract channel; a missing one does not compile. */
export const handlers: Handlers = {
  ...settingsHandlers,
  ...setupHandlers,
  ...authHandlers,
  ...userHandlers,
  ...keyHandlers,
  ...caseHandlers,
  ...caseListHandlers,
  ...partyHandlers,
  ...privacyHandlers,
  ...timelineHandlers,
  ...attachmentHandlers,
  ...transitionHandlers,
  ...clockHandlers,
  ...clockAdjustmentHandlers,
  ...calendarHandlers,
  ...savedFilterHandlers,
  ...documentHandlers,
  ...ledgerImportHandlers,
  ...searchHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...statisticsHandlers,
}
