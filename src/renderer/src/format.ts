import { useTranslation } from 'react-i18next'

/**
 * Dates as Chinese readers write them (2026年11月25日) and ISO for English; the stored value
 * is already a China wall-clock date, so nothing here goes through Date or a time zone.
 */
export function formatDate(iso: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  const [, year, month, day] = match
  return language === 'zh-CN' ? `${year}年${Number(month)}月${Number(day)}日` : match[0]
}

/** '2026-11-25T14:30' → 2026年11月25日 14:30; a bare date stays a date. */
export function formatDateTime(iso: string, language: string): string {
  const time = /T(\d{2}:\d{2})/.exec(iso)?.[1]
  return time ? `${formatDate(iso, language)} ${time}` : formatDate(iso, language)
}

/** Formatters in the UI's current language; empty text for a missing date. */
export function useDates() {
  const { i18n } = useTranslation()
  return {
    date: (iso: string | null | undefined) => (iso ? formatDate(iso, i18n.language) : ''),
    dateTime: (iso: string | null | undefined) => (iso ? formatDateTime(iso, i18n.language) : ''),
  }
}
