import {
  Badge,
  Group,
  Kbd,
  Mark,
  Modal,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Highlight } from '../../../shared/schemas/search'
import { call, concord } from '../concord'
import { navigate, routeHref } from '../frame/pages'
import { CategoryBadge, StageBadge } from './badges'
import classes from './QuickFind.module.css'

const MATCHES = 8
const SEARCH_DELAY_MS = 200

/** A snippet with its matched stretches marked (a case number matched is its own snippet). */
function Marked({ text, highlights }: { text: string; highlights: Highlight[] }) {
  const parts: React.ReactNode[] = []
  let at = 0
  for (const { start, end } of highlights) {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<Mark key={start}>{text.slice(start, end)}</Mark>)
    at = end
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}

/**
 * Ctrl+K (⌘K on a Mac) from anywhere: full-text search over every case the user may see (case
 * numbers, names, phone and ID fragments, addresses, summaries, records), best match first,
 * and Enter opens the first. It works inside inputs too, as a shortcut must.
 */
export function QuickFind() {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  const [text, setText] = useState('')
  const [debounced] = useDebouncedValue(text.trim(), SEARCH_DELAY_MS)
  useHotkeys([['mod+K', () => setOpened(true)]], [])
  const matches = useQuery({
    queryKey: ['cases', 'quickFind', debounced],
    queryFn: () => call(concord().search.query({ q: debounced, limit: MATCHES })),
    enabled: opened && debounced !== '',
  })
  const rows = debounced ? (matches.data ?? []) : []
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
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            const first = rows[0]
            if (event.key === 'Enter' && current && first) open(first.caseId)
          }}
        />
        {rows.map((row) => (
          <UnstyledButton
            key={row.caseId}
            className={classes.match}
            onClick={() => open(row.caseId)}
          >
            <Group gap="sm" wrap="nowrap">
              <Text fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                {row.field === 'number' ? (
                  <Marked text={row.snippet} highlights={row.highlights} />
                ) : (
                  row.number
                )}
              </Text>
              <CategoryBadge category={row.category} size="sm" />
              <StageBadge stage={row.stage} size="sm" />
            </Group>
            {row.field !== 'number' && (
              <Group gap="xs" wrap="nowrap" mt={4}>
                <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                  {t(`search.field.${row.field}`)}
                </Badge>
                <Text size="sm" c="dimmed" truncate="end">
                  <Marked text={row.snippet} highlights={row.highlights} />
                </Text>
              </Group>
            )}
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
