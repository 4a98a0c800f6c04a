import type { z } from 'zod'
import type { Channel, Contract } from '../../shared/contract'
import type { CoreContext } from './context'
import { attachmentHandlers } from './services/attachments'
import { authHandlers } from './services/auth'
import { caseListHandlers } from './services/case-list'
import { caseHandlers } from './services/cases'
import { clockHandlers } from './services/clocks'
import { clockAdjustmentHandlers } from './services/clock-adjustments'
import { calendarHandlers } from './services/calendar'
import { partyHandlers } from './services/parties'
import { savedFilterHandlers } from './services/saved-filters'
import { settingsHandlers } from './services/settings'
import { setupHandlers } from './services/setup'
import { timelineHandlers } from './services/timeline'
import { transitionHandlers } from './services/transitions'
import { userHandlers } from './services/users'

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
  ...caseHandlers,
  ...caseListHandlers,
  ...partyHandlers,
  ...timelineHandlers,
  ...attachmentHandlers,
  ...transitionHandlers,
  ...clockHandlers,
  ...clockAdjustmentHandlers,
  ...calendarHandlers,
  ...savedFilterHandlers,
}
