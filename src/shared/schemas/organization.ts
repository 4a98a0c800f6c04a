import { z } from 'zod'
import { CaseNumberPattern } from '../domain/case-number'
import { DisplayName, Login, Password } from './account'

/** 人民调解委员会 (People's Mediation Law) or another professional mediation organization. */
export const OrgCapacity = z.enum(['people_mediation_committee', 'other_mediation_org'])
export type OrgCapacity = z.infer<typeof OrgCapacity>

export const OrgName = z.string().trim().min(2).max(80)

export const IdleLockMinutes = z.number().int().min(1).max(120)

export const SetupInput = z.object({
  orgName: OrgName,
  orgCapacity: OrgCapacity,
  admin: z.object({ displayName: DisplayName, login: Login, password: Password }),
})

export const SetupChallenge = z.object({
  recoveryCode: z.string(),
  /** Zero-based indexes of the recovery-code groups the user must re-type. */
  confirmGroups: z.tuple([z.number().int(), z.number().int()]),
})

export const Settings = z.object({
  orgName: z.string(),
  orgCapacity: OrgCapacity,
  idleLockMinutes: z.number().int(),
  caseNumberPattern: z.string(),
})
export type Settings = z.infer<typeof Settings>

export const SettingsPatch = z
  .object({
    orgName: OrgName,
    idleLockMinutes: IdleLockMinutes,
    caseNumberPattern: CaseNumberPattern,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'empty' })
