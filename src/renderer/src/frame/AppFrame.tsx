import { AppShell, Divider, Group, NavLink, Text } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ChangePasswordModal } from '../account/ChangePasswordModal'
import { useIdleLock } from '../account/useIdleLock'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { useIsCaseWorker } from '../cases/access'
import { CasesPage } from '../cases/CasesPage'
import { QuickFind } from '../cases/QuickFind'
import { DeadlinesPage } from '../deadlines/DeadlinesPage'
import { SettingsPage } from '../settings/SettingsPage'
import { AccountsPage } from '../accounts/AccountsPage'
import { PrivacyPage } from '../privacy/PrivacyPage'
import { AuditPage } from '../audit/AuditPage'
import { useSession } from '../status'
import { BackupPage } from '../backup/BackupPage'
import { BackupWarning } from '../backup/health'
import { forgetPage, navigate, pageHref, pagesFor, useCurrentPage, type Page } from './pages'
import { StatisticsPage } from '../statistics/StatisticsPage'
import { UserMenu } from './UserMenu'

/** The signed-in workspace: header with organization and account, navigation, one page. */
export function AppFrame({ onLock }: { onLock: (byHand: boolean) => void }) {
  const { t } = useTranslation()
  const session = useSession()
  const page = useCurrentPage()
  const caseWorker = useIsCaseWorker()
  // The next session, maybe another user's, starts on the cases.
  useEffect(() => forgetPage, [])
  const [changingPassword, setChangingPassword] = useState(false)
  useIdleLock(session.idleLockMinutes, () => onLock(false))
  const pages = useMemo(() => pagesFor(session.user.role), [session.user.role])
  const home = pages[0] ?? 'settings'
  // Every session starts on #/cases; an administrator, who reads no cases, starts on their first page.
  useEffect(() => {
    if (!pages.includes(page)) navigate(pageHref(home), { replace: true })
  }, [pages, page, home])

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Text fw={700} c="indigo.9" style={{ whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Text>
            <Divider orientation="vertical" />
            <Text truncate="end" title={session.orgName} data-testid="org-name">
              {session.orgName}
            </Text>
          </Group>
          {/* The organization name gives way when the window is narrow; the account never does. */}
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <LanguageSwitch />
            <UserMenu
              user={session.user}
              onChangePassword={() => setChangingPassword(true)}
              onLock={() => onLock(true)}
            />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('frame.navigation')}>
        {pages.map((item) => (
          <NavLink
            key={item}
            component="a"
            href={pageHref(item)}
            label={t(`nav.${item}`)}
            active={page === item}
            aria-current={page === item ? 'page' : undefined}
            fw={500}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        {session.user.role === 'admin' && <BackupWarning />}
        {/* A page not for this role is never rendered, not even for the moment before redirecting. */}
        {pages.includes(page) && <PageView page={page} />}
      </AppShell.Main>
      {caseWorker && <QuickFind />}
      <ChangePasswordModal
        opened={session.mustChangePassword || changingPassword}
        required={session.mustChangePassword}
        onClose={() => setChangingPassword(false)}
      />
    </AppShell>
  )
}

function PageView({ page }: { page: Page }) {
  switch (page) {
    case 'cases':
      return <CasesPage />
    case 'deadlines':
      return <DeadlinesPage />
    case 'statistics':
      return <StatisticsPage />
    case 'backup':
      return <BackupPage />
    case 'privacy':
      return <PrivacyPage />
    case 'audit':
      return <AuditPage />
    case 'accounts':
      return <AccountsPage />
    case 'settings':
      return <SettingsPage />
  }
}
