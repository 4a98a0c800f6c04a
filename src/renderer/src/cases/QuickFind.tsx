import { Group, Kbd, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, concord } from '../concord'
import { navigate, routeHref } from '../frame/pages'
import { CategoryBadge, StageBadge } from './badges'
import classes from './QuickFind.module.css'

const MATCHES = 8
const SEARCH_DELAY_MS = 200

/**
 * Ctrl+K (⌘K on a Mac) from anywhere: type a case number, a party's name, phone or ID, and
 * Enter opens the first match. It works inside inputs too, as a shortcut must.
 */
export function QuickFind() {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  const [text, setText] = useState('')
  const [debounced] = useDebouncedValue(text.trim(), SEARCH_DELAY_MS)
  useHotkeys([['mod+K', () => setOpened(true)]], [])
  const matches = useQuery({
    queryKey: ['cases', 'quickFind', debounced],
    queryFn: () =>
      call(concord().cases.list({ text: debounced, limit: MATCHES, sort: 'updatedAt' })),
    enabled: opened && debounced !== '',
  })
  const rows = debounced ? (matches.data?.rows ?? []) : []
  // Enter must never open a match of what was typed before: wait until the list answers the text.
  const current = debounced === text.trim() && matches.isSuccess && !matches.isFetching
  const close = () => {
    setOpened(false)
    setText('')
  }
  const open = (id: string) => {
    close()
    navigate(routeHref('cases', [id]))
  }

  return (
    <Modal opened={opened} onClose={close} title={t('cases.quickFind.title')} size="lg">
      <Stack gap="sm">
        <TextInput
          data-autofocus
          aria-label={t('cases.quickFind.title')}
          placeholder={t('cases.filter.textPlaceholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            const first = rows[0]
            if (event.key === 'Enter' && current && first) open(first.id)
          }}
        />
        {rows.map((row) => (
          <UnstyledButton key={row.id} className={classes.match} onClick={() => open(row.id)}>
            <Group gap="sm" wrap="nowrap">
              <Text fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                {row.number}
              </Text>
              <CategoryBadge category={row.category} size="sm" />
              <StageBadge stage={row.stage} size="sm" />
              <Text size="sm" c="dimmed" truncate="end">
                {row.summary}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
        {debounced && matches.isSuccess && rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('cases.quickFind.none')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('cases.quickFind.hint')} <Kbd size="xs">Enter</Kbd>
        </Text>
      </Stack>
    </Modal>
  )
}
