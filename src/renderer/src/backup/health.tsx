import { Alert, Anchor } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { call, concord } from '../concord'
import { formatDateTime } from '../format'
import { pageHref, useCurrentPage } from '../frame/pages'

export const BACKUP_HEALTH_KEY = ['backup', 'health'] as const

const CHINA_OFFSET_MS = 8 * 3_600_000

/** Backup times are instants (UTC); shown as China wall-clock time, as every date here is. */
export function useChinaTime() {
  const { i18n } = useTranslation()
  return (iso: string | null | undefined) => {
    if (!iso) return ''
    const ms = Date.parse(iso)
    if (Number.isNaN(ms)) return iso
    return formatDateTime(new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16), i18n.language)
  }
}

/**
 * The frame's warning for administrators: no folder, an unreachable folder, no good backup
 * yet, or the last good one older than the set number of days. Polled passively, so it
 * never keeps the case base from locking itself.
 */
export function BackupWarning() {
  const { t } = useTranslation()
  const time = useChinaTime()
  const page = useCurrentPage()
  const health = useQuery({
    queryKey: BACKUP_HEALTH_KEY,
    queryFn: () => call(concord().backup.health()),
    refetchInterval: 5 * 60_000,
  })
  const data = health.data
  if (!data || data.state === 'ok') return null
  return (
    <Alert color="orange" variant="light" mb="md" role="status" data-testid="backup-warning">
      {t(`backup.health.${data.state}`, {
        date: time(data.lastGoodAt),
        days: data.warnAfterDays,
      })}
      {page !== 'backup' && (
        <>
          {' '}
          <Anchor href={pageHref('backup')} size="sm">
            {t('backup.health.goTo')}
          </Anchor>
        </>
      )}
    </Alert>
  )
}
