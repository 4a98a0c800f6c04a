import { useLabel } from '../i18n'
import type { UserPick } from './api'

/** Select options for an enum whose labels live under one key prefix (case.district.<id>). */
export function useEnumOptions() {
  const label = useLabel()
  return (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: label(`${prefix}.${value}`) }))
}

export const userOptions = (users: readonly UserPick[]) =>
  users.map((u) => ({ value: u.id, label: u.displayName }))
