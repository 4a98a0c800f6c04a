import {
  Alert,
  Button,
  Checkbox,
  Drawer,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { checkResidentId } from '../../../shared/domain/resident-id'
import {
  CivilCapacity,
  IdType,
  LegalBasis,
  PartyInput,
  PartyRole,
  type Party,
} from '../../../shared/schemas/case'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useEnumOptions } from '../cases/options'
import { useDates } from '../format'
import { useLabel } from '../i18n'
import { useFieldMessages, type FieldErrors } from '../validation'
import { WriteError } from './WriteError'

interface Draft {
  kind: 'person' | 'organization'
  name: string
  role: string | null
  idType: string | null
  idNumber: string
  phone: string
  address: string
  civilCapacity: string
  minor: boolean
  legalBasis: string | null
  sensitiveConsent: boolean
  householdId: string | null
}

const draftOf = (party: Party | null): Draft => ({
  kind: party?.kind ?? 'person',
  name: party?.name ?? '',
  role: party?.role ?? null,
  idType: party?.idType ?? 'residentId',
  idNumber: party?.idNumber ?? '',
  phone: party?.phone ?? '',
  address: party?.address ?? '',
  civilCapacity: party?.civilCapacity ?? 'full',
  minor: party?.minor ?? false,
  legalBasis: party?.legalBasis ?? null,
  sensitiveConsent: party?.sensitiveConsent ?? false,
  householdId: party?.householdId ?? null,
})

/** Empty optional inputs are left out, so the schema sees "not given", not "". */
function inputOf(draft: Draft) {
  const optional = (value: string | null) => (value && value.trim() !== '' ? value : undefined)
  return {
    kind: draft.kind,
    name: draft.name,
    role: draft.role ?? undefined,
    idType: optional(draft.idType),
    idNumber: optional(draft.idNumber),
    phone: optional(draft.phone),
    address: optional(draft.address),
    civilCapacity: draft.civilCapacity,
    minor: draft.kind === 'person' && draft.minor,
    legalBasis: draft.legalBasis ?? undefined,
    sensitiveConsent: draft.sensitiveConsent,
    householdId: draft.householdId,
  }
}

/** A minor or someone without full capacity: the family-violence mandatory report may apply. */
export const needsMandatoryReport = (party: {
  kind: string
  minor: boolean
  civilCapacity: string
}) => party.kind === 'person' && (party.minor || party.civilCapacity !== 'full')

/**
 * Adding or editing one party. The resident ID is checked as it is typed (format, region,
 * birth date, check digit) with the same function the core runs; the birth date it carries
 * is shown back, which catches a number copied from the wrong person.
 */
export function PartyDrawer({
  file,
  party,
  opened,
  onClose,
}: {
  file: CaseFile
  /** null: a new party. */
  party: Party | null
  opened: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  const label = useLabel()
  const dates = useDates()
  const options = useEnumOptions()
  const messages = useFieldMessages()
  const add = useCaseWrite(file, 'parties.add')
  const update = useCaseWrite(file, 'parties.update')
  const remove = useCaseWrite(file, 'parties.remove')
  const [draft, setDraft] = useState(() => draftOf(party))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [idTouched, setIdTouched] = useState(false)
  const [confirmRemove, setConfirmRemove] = useState(false)
  const set = (changes: Partial<Draft>) => {
    setDraft((prev) => ({ ...prev, ...changes }))
    setErrors((prev) =>
      Object.fromEntries(Object.entries(prev).filter(([key]) => !Object.hasOwn(changes, key))),
    )
  }

  const idNumber = draft.idNumber.trim()
  const idCheck =
    draft.idType === 'residentId' && idNumber !== '' ? checkResidentId(idNumber) : undefined
  // Live, but not while the first digits are still being typed.
  const liveIdError =
    idCheck && !idCheck.valid && (idTouched || idNumber.length >= 18)
      ? label(`validation.residentId.${idCheck.reason}`)
      : undefined

  const pending = add.isPending || update.isPending || remove.isPending
  const error = add.error ?? update.error ?? remove.error
  const reset = () => [add, update, remove].forEach((m) => m.reset())
  const save = () => {
    const result = PartyInput.safeParse(inputOf(draft))
    if (!result.success) {
      setErrors(messages.fromIssues(result.error.issues))
      setIdTouched(true)
      return
    }
    const done = { onSuccess: onClose, onError: (e: Error) => setErrors(messages.fromCore(e)) }
    if (party) update.mutate({ partyId: party.id, party: result.data }, done)
    else add.mutate({ party: result.data }, done)
  }
  const person = draft.kind === 'person'

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={party ? t('parties.edit') : t('parties.add')}
    >
      <Stack>
        <SegmentedControl
          data={[
            { value: 'person', label: t('case.partyKind.person') },
            { value: 'organization', label: t('case.partyKind.organization') },
          ]}
          value={draft.kind}
          onChange={(kind) => set({ kind: kind === 'organization' ? 'organization' : 'person' })}
        />
        <SimpleGrid cols={2} verticalSpacing="sm">
          <TextInput
            label={t('parties.field.name')}
            required
            value={draft.name}
            error={errors.name}
            onChange={(event) => set({ name: event.currentTarget.value })}
          />
          <Select
            label={t('parties.field.role')}
            required
            data={options(PartyRole.options, 'case.partyRole')}
            value={draft.role}
            error={errors.role}
            onChange={(role) => set({ role })}
          />
          <Select
            label={t('parties.field.idType')}
            clearable
            data={options(IdType.options, 'case.idType')}
            value={draft.idType}
            error={errors.idType}
            onChange={(idType) => set({ idType })}
          />
          <TextInput
            label={t('parties.field.idNumber')}
            value={draft.idNumber}
            error={liveIdError ?? errors.idNumber}
            description={
              idCheck?.valid
                ? t('parties.idDetails', {
                    birthDate: dates.date(idCheck.birthDate),
                    sex: t(`parties.sex.${idCheck.sex}`),
                  })
                : undefined
            }
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            onBlur={() => setIdTouched(true)}
            onChange={(event) => set({ idNumber: event.currentTarget.value })}
          />
          <TextInput
            label={t('parties.field.phone')}
            value={draft.phone}
            error={errors.phone}
            onChange={(event) => set({ phone: event.currentTarget.value })}
          />
          {file.households.length > 0 && (
            <Select
              label={t('parties.field.household')}
              clearable
              data={file.households.map((h) => ({ value: h.id, label: h.unit }))}
              value={draft.householdId}
              onChange={(householdId) => set({ householdId })}
            />
          )}
          <TextInput
            label={t('parties.field.address')}
            style={{ gridColumn: '1 / -1' }}
            value={draft.address}
            error={errors.address}
            onChange={(event) => set({ address: event.currentTarget.value })}
          />
          {person && (
            <Select
              label={t('parties.field.civilCapacity')}
              data={options(CivilCapacity.options, 'case.civilCapacity')}
              value={draft.civilCapacity}
              allowDeselect={false}
              onChange={(civilCapacity) => civilCapacity && set({ civilCapacity })}
            />
          )}
          {person && (
            <Checkbox
              mt="xl"
              label={t('parties.field.minor')}
              checked={draft.minor}
              onChange={(event) => set({ minor: event.currentTarget.checked })}
            />
          )}
        </SimpleGrid>
        {file.category === 'family' && needsMandatoryReport(draft) && <MandatoryReportAlert />}
        <Select
          label={t('parties.field.legalBasis')}
          description={t('parties.legalBasisHint')}
          required
          data={options(LegalBasis.options, 'case.legalBasis')}
          value={draft.legalBasis}
          error={errors.legalBasis}
          onChange={(legalBasis) => set({ legalBasis })}
        />
        <Checkbox
          label={t('parties.field.sensitiveConsent')}
          description={t('parties.sensitiveConsentHint')}
          checked={draft.sensitiveConsent}
          onChange={(event) => set({ sensitiveConsent: event.currentTarget.checked })}
        />
        <WriteError error={error} caseId={file.id} onReloaded={reset} />
        <Group justify="space-between">
          {party ? (
            <Button
              variant={confirmRemove ? 'filled' : 'subtle'}
              color="red"
              loading={remove.isPending}
              onClick={() =>
                confirmRemove
                  ? remove.mutate({ partyId: party.id }, { onSuccess: onClose })
                  : setConfirmRemove(true)
              }
            >
              {confirmRemove ? t('parties.confirmRemove') : t('parties.remove')}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={save} loading={pending && !remove.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Drawer>
  )
}

/** 反家庭暴力法第十四条: the organization must report to the police — not a matter to mediate. */
export function MandatoryReportAlert() {
  const { t } = useTranslation()
  return (
    <Alert color="red" variant="filled" title={t('parties.mandatoryReport.title')} role="alert">
      <Text size="sm">{t('parties.mandatoryReport.body')}</Text>
    </Alert>
  )
}
