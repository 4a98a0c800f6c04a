import { Badge, Button, Menu, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../shared/schemas/account'

export function UserMenu({
  user,
  onChangePassword,
  onLock,
}: {
  user: UserSummary
  onChangePassword: () => void
  onLock: () => void
}) {
  const { t } = useTranslation()
  return (
    <Menu position="bottom-end" width={200}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          aria-label={t('user.menuOf', {
            name: `${user.displayName} ${t(`user.role.${user.role}`)}`,
          })}
          rightSection={
            <Badge variant="light" size="sm" tt="none">
              {t(`user.role.${user.role}`)}
            </Badge>
          }
        >
          <Text span fw={500} c="dark">
            {user.displayName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('user.menu')}</Menu.Label>
        <Menu.Item onClick={onChangePassword}>{t('user.changePassword')}</Menu.Item>
        <Menu.Item onClick={onLock}>{t('user.lockNow')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
