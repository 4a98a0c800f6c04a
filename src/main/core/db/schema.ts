import type { Generated } from 'kysely'
import type { Role } from '../../../shared/schemas/account'
import type { OrgCapacity } from '../../../shared/schemas/organization'

/**
 * The one written-down shape of every table (camelCase here, snake_case in SQL through
 * Kysely's CamelCasePlugin). Migrations create exactly this; services derive row types from it.
 */
export interface OrganizationTable {
  id: Generated<number>
  name: string
  capacity: OrgCapacity
  idleLockMinutes: Generated<number>
  createdAt: string
}

export interface UserTable {
  id: string
  login: string
  displayName: string
  role: Role
  mustChangePassword: Generated<number>
  disabledAt: string | null
  createdAt: string
  updatedAt: string
}

export interface Database {
  organization: OrganizationTable
  user: UserTable
}
