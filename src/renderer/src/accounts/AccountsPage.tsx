import { Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { todayInChina } from '../../../shared/domain/iso-date'
import type { Account } from '../../../shared/schemas/account'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { useDates } from '../format'
import { useSession } from '../status'
import { ACCOUNTS_KEY, AccountFormModal, DisableModal, ResetPasswordModal } from './AccountModals'
import { RotateKeyModal } from './RotateKeyModal'

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit' | 'reset' | 'disable'; account: Account }
  | { kind: 'rotate' }
  | null

/** The administrator's account list: add, edit, reset, disable, and key rotation. */
export function AccountsPage() {
  return <AccountsAdmin selfId={useSession().user.id} />
}

function AccountsAdmin({ selfId }: { selfId: string }) {
  const { t } = useTranslation()
  const accounts = useQuery({
    queryKey: ACCOUNTS_KEY,
    queryFn: () => call(concord().users.accounts()),
  })
  const [dialog, setDialog] = useState<Dialog>(null)
  const close = () => setDialog(null)

  return (
    <Stack maw={1040}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('accounts.title')}</Title>
        <Group gap="sm">
          <Button variant="default" onClick={() => setDialog({ kind: 'rotate' })}>
            {t('accounts.rotate')}
          </Button>
          <Button onClick={() => setDialog({ kind: 'create' })}>{t('accounts.add')}</Button>
        </Group>
      </Group>
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('accounts.intro')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('accounts.separation')}
        </Text>
      </Stack>
      {accounts.data ? (
        <AccountTable
          accounts={accounts.data}
          selfId={selfId}
          onAction={(kind, account) => setDialog({ kind, account })}
        />
      ) : accounts.isError ? (
        <ErrorAlert error={accounts.error} />
      ) : (
        <Loader aria-label={t('common.loading')} />
      )}
      <AccountFormModal
        opened={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        account={dialog?.kind === 'edit' ? dialog.account : null}
        selfId={selfId}
        onClose={close}
      />
      <ResetPasswordModal
        account={dialog?.kind === 'reset' ? dialog.account : null}
        onClose={close}
      />
      <DisableModal
        account={dialog?.kind === 'disable' ? dialog.account : null}
        onClose={close}
        onRotate={() => setDialog({ kind: 'rotate' })}
      />
      <RotateKeyModal opened={dialog?.kind === 'rotate'} onClose={close} />
    </Stack>
  )
}

function AccountTable({
  accounts,
  selfId,
  onAction,
}: {
  accounts: Account[]
  selfId: string
  onAction: (kind: 'edit' | 'reset' | 'disable', account: Account) => void
}) {
  const { t } = useTranslation()
  const dates = useDates()
  return (
    <Paper withBorder>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="accounts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('accounts.column.name')}</Table.Th>
            <Table.Th>{t('accounts.column.login')}</Table.Th>
            <Table.Th>{t('accounts.column.role')}</Table.Th>
            <Table.Th>{t('accounts.column.state')}</Table.Th>
            <Table.Th>{t('accounts.column.created')}</Table.Th>
            <Table.Th>{t('accounts.column.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => {
            const self = account.id === selfId
            return (
              <Table.Tr key={account.id} c={account.disabled ? 'dimmed' : undefined}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {account.displayName}
                    </Text>
                    {self && (
                      <Badge size="xs" variant="light" color="indigo">
                        {t('accounts.you')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace">{account.login}</Table.Td>
                <Table.Td>{t(`user.role.${account.role}`)}</Table.Td>
                <Table.Td>
                  <StateBadge account={account} />
                </Table.Td>
                <Table.Td>{dates.date(todayInChina(new Date(account.createdAt)))}</Table.Td>
                <Table.Td>
                  <Group
                    gap={4}
                    wrap="nowrap"
                    role="group"
                    aria-label={t('accounts.action.menu', { name: account.displayName })}
                  >
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => onAction('edit', account)}
                    >
                      {t('accounts.action.edit')}
                    </Button>
                    {!self && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => onAction('reset', account)}
                      >
                        {t(account.disabled ? 'accounts.action.enable' : 'accounts.action.reset')}
                      </Button>
                    )}
                    {!self && !account.disabled && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => onAction('disable', account)}
                      >
                        {t('accounts.action.disable')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

function StateBadge({ account }: { account: Account }) {
  const { t } = useTranslation()
  if (account.disabled) {
    return (
      <Badge variant="light" color="gray">
        {t('accounts.state.disabled')}
      </Badge>
    )
  }
  if (account.mustChangePassword) {
    return (
      <Badge variant="light" color="orange">
        {t('accounts.state.mustChange')}
      </Badge>
    )
  }
  return (
    <Badge variant="light" color="teal">
      {t('accounts.state.active')}
    </Badge>
  )
}
