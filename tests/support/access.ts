import type { Channel } from '../../src/shared/contract'
import type { Role } from '../../src/shared/schemas/account'

/**
 * Who may call what, written out by hand (issue 4): the one table the contract test and the
 * access-matrix test both check the code against, so loosening a rule anywhere fails them.
 *
 * - 'anyone': works while locked (status, setup, unlock); 'recovery': only after the recovery
 *   code unlocked the case base.
 * - per role: 'deny' (FORBIDDEN), 'allow', or 'assigned' — allowed only on cases the user
 *   leads or co-mediates; any other case answers NOT_FOUND, as if it did not exist.
 */
export type Rule = 'deny' | 'allow' | 'assigned'
export type Access = 'anyone' | 'recovery' | Record<Role, Rule>

const rules = (admin: Rule, supervisor: Rule, mediator: Rule, auditor: Rule) =>
  ({ admin, supervisor, mediator, auditor }) as const

const EVERYONE = rules('allow', 'allow', 'allow', 'allow')
const ADMIN = rules('allow', 'deny', 'deny', 'deny')
const SUPERVISOR = rules('deny', 'allow', 'deny', 'deny')
const ADMIN_SUPERVISOR = rules('allow', 'allow', 'deny', 'deny')
/** A mediator's own work that names no case (their board, their filters, a new case). */
const WORKERS = rules('deny', 'allow', 'allow', 'deny')
/** One case's content or a change to it. */
const CASE_WORK = rules('deny', 'allow', 'assigned', 'deny')
/** Reading one case: the auditor too, masked by the core. */
const CASE_READ = rules('deny', 'allow', 'assigned', 'allow')
const READERS = rules('deny', 'allow', 'allow', 'allow')
const SUPERVISOR_AUDITOR = rules('deny', 'allow', 'deny', 'allow')

export const ACCESS: Record<Channel, Access> = {
  'app.status': 'anyone',
  'app.activity': EVERYONE,
  'prefs.setLanguage': 'anyone',
  'setup.begin': 'anyone',
  'setup.complete': 'anyone',
  'auth.unlock': 'anyone',
  'auth.unlockWithRecoveryCode': 'anyone',
  'auth.resetAdminPassword': 'recovery',
  'auth.lock': 'anyone',
  'auth.changePassword': EVERYONE,
  'settings.get': EVERYONE,
  'settings.update': ADMIN,
  'users.list': EVERYONE,
  'users.create': ADMIN,
  'users.accounts': ADMIN,
  'users.resetPassword': ADMIN,
  'users.disable': ADMIN,
  'users.update': ADMIN,
  'keys.rotate': ADMIN,
  'cases.create': WORKERS,
  'cases.list': READERS,
  'cases.get': CASE_READ,
  'cases.update': CASE_WORK,
  'cases.transition': CASE_WORK,
  'cases.recordEvent': CASE_WORK,
  'parties.add': CASE_WORK,
  'parties.update': CASE_WORK,
  'parties.remove': CASE_WORK,
  'parties.relate': CASE_WORK,
  'parties.unrelate': CASE_WORK,
  'households.add': CASE_WORK,
  'households.update': CASE_WORK,
  'timeline.add': CASE_WORK,
  'checklist.set': CASE_WORK,
  'attachments.add': CASE_WORK,
  'attachments.get': CASE_WORK,
  'attachments.remove': CASE_WORK,
  'deadlines.board': WORKERS,
  'clocks.pause': CASE_WORK,
  'clocks.extend': CASE_WORK,
  'calendar.get': EVERYONE,
  'calendar.setOverride': ADMIN,
  'calendar.removeOverride': ADMIN,
  'filters.list': WORKERS,
  'filters.save': WORKERS,
  'filters.remove': WORKERS,
  'documents.list': CASE_WORK,
  'documents.generate': CASE_WORK,
  'audit.list': ADMIN_SUPERVISOR,
  'audit.verify': ADMIN_SUPERVISOR,
  'dataRequests.add': CASE_WORK,
  'dataRequests.decide': CASE_WORK,
  'retention.get': ADMIN_SUPERVISOR,
  'retention.set': ADMIN,
  'retention.due': ADMIN_SUPERVISOR,
  'cases.anonymize': SUPERVISOR,
  'search.query': WORKERS,
  'search.rebuild': ADMIN_SUPERVISOR,
  'import.open': SUPERVISOR,
  'import.check': SUPERVISOR,
  'import.commit': SUPERVISOR,
  'import.saveMapping': SUPERVISOR,
  'import.discard': SUPERVISOR,
  'backup.getSettings': ADMIN,
  'backup.updateSettings': ADMIN,
  'backup.create': ADMIN,
  'backup.list': ADMIN,
  'backup.pickPath': ADMIN,
  'backup.health': EVERYONE,
  'backup.inspect': ADMIN,
  'backup.restore': ADMIN,
  'stats.dashboard': EVERYONE,
  'stats.drilldown': READERS,
  'contracts.list': rules('allow', 'allow', 'deny', 'allow'),
  'contracts.save': ADMIN_SUPERVISOR,
  'contracts.remove': ADMIN_SUPERVISOR,
  'reports.export': SUPERVISOR_AUDITOR,
  'reports.freeze': SUPERVISOR,
  'reports.list': SUPERVISOR_AUDITOR,
  'reports.verify': SUPERVISOR_AUDITOR,
  'exports.begin': READERS,
  'exports.next': READERS,
  'exports.finish': READERS,
  'exports.cancel': READERS,
}
