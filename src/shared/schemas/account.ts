import { z } from 'zod'
import { PASSWORD_MAX_LENGTH } from '../password-policy'

export const Role = z.enum(['admin', 'supervisor', 'mediator', 'auditor'])
export type Role = z.infer<typeof Role>
export const ALL_ROLES = Role.options

export const Language = z.enum(['zh-CN', 'en'])
export type Language = z.infer<typeof Language>

/** Lower-case ASCII so a login types the same on every keyboard layout and IME state. */
export const Login = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, { message: 'login' })

/** Policy (length, classes, …) is checked by the core with passwordProblems(); this only bounds size. */
export const Password = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4)

export const DisplayName = z.string().trim().min(1).max(40)

export const UserSummary = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: Role,
})
export type UserSummary = z.infer<typeof UserSummary>

export const Session = z.object({
  user: UserSummary,
  mustChangePassword: z.boolean(),
  orgName: z.string(),
  idleLockMinutes: z.number().int(),
})
export type Session = z.infer<typeof Session>

export const AppState = z.enum(['uninitialized', 'locked', 'recovery', 'unlocked'])

export const Status = z.object({
  state: AppState,
  language: Language,
  session: Session.nullable(),
})
export type Status = z.infer<typeof Status>

/** An account as the administrator's account list shows it. */
export const Account = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: Role,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
})
export type Account = z.infer<typeof Account>

/** The steps of a key rotation, in order (docs/security.md, "Rotating the key"). */
export const RotationStep = z.enum(['keyring', 'rekey', 'verify', 'copies', 'finish'])
export type RotationStep = z.infer<typeof RotationStep>

export const KeyRotation = z.object({
  generation: z.int(),
  slots: z.int(),
  steps: z.array(z.object({ step: RotationStep, ms: z.number() })),
})
export type KeyRotation = z.infer<typeof KeyRotation>
