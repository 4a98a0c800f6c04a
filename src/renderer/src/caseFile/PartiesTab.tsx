import {
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { maskPhone, maskResidentId } from '../../../shared/domain/masking'
import { HouseholdInput, type Party } from '../../../shared/schemas/case'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useEnumOptions } from '../cases/options'
import { useFieldMessages, type FieldErrors } from '../validation'
import { MandatoryReportAlert, needsMandatoryReport, PartyDrawer } from './PartyDrawer'
import { PartyRelations } from './PartyRelations'
import { WriteError } from './WriteError'

/** Expropriation and owners' cases group their many parties by flat or unit (房号). */
const HAS_HOUSEHOLDS = new Set(['expropriation', 'owners'])

export function PartiesTab({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  // undefined: closed; null: adding; a party: editing it.
  const [editing, setEditing] = useState<Party | null | undefined>(undefined)
  const households = new Map(file.households.map((h) => [h.id, h.unit]))
  const reportable = file.category === 'family' && file.parties.some((p) => needsMandatoryReport(p))
  // The list masks numbers for passers-by; the auditor's view arrives masked by the core already.
  const masked = (value: string, mask: (v: string) => string) =>
    file.view === 'masked' ? value : mask(value)

  return (
    <Stack>
      {reportable && <MandatoryReportAlert />}
      {HAS_HOUSEHOLDS.has(file.category) && <Households file={file} />}
      <Group justify="space-between">
        <Title order={4}>{t('parties.title')}</Title>
        <Button onClick={() => setEditing(null)}>{t('parties.add')}</Button>
      </Group>
      <Paper withBorder>
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('parties.field.name')}</Table.Th>
              <Table.Th>{t('parties.field.role')}</Table.Th>
              <Table.Th>{t('parties.field.idNumber')}</Table.Th>
              <Table.Th>{t('parties.field.phone')}</Table.Th>
              <Table.Th>{t('parties.field.civilCapacity')}</Table.Th>
              {households.size > 0 && <Table.Th>{t('parties.field.household')}</Table.Th>}
              <Table.Th>{t('parties.field.legalBasis')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {file.parties.map((party) => (
              <Table.Tr key={party.id}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {party.name}
                    </Text>
                    {party.minor && (
                      <Badge size="xs" color="red" variant="light">
                        {t('parties.minorBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{t(`case.partyRole.${party.role}`)}</Table.Td>
                <Table.Td ff="monospace">
                  {party.idNumber ? masked(party.idNumber, maskResidentId) : ''}
                </Table.Td>
                <Table.Td>{party.phone ? masked(party.phone, maskPhone) : ''}</Table.Td>
                <Table.Td>
                  {party.kind === 'person' ? t(`case.civilCapacity.${party.civilCapacity}`) : ''}
                </Table.Td>
                {households.size > 0 && (
                  <Table.Td>{party.householdId ? households.get(party.householdId) : ''}</Table.Td>
                )}
                <Table.Td>{t(`case.legalBasis.${party.legalBasis}`)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => setEditing(party)}>
                    {t('parties.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {file.parties.length === 0 && (
          <Text c="dimmed" ta="center" p="lg">
            {t('parties.empty')}
          </Text>
        )}
      </Paper>
      <PartyRelations file={file} />
      {editing !== undefined && (
        <PartyDrawer
          key={editing?.id ?? 'new'}
          file={file}
          party={editing}
          opened
          onClose={() => setEditing(undefined)}
        />
      )}
    </Stack>
  )
}

type HouseholdStatus = CaseFile['households'][number]['agreementStatus']

function Households({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const messages = useFieldMessages()
  const add = useCaseWrite(file, 'households.add')
  const update = useCaseWrite(file, 'households.update')
  const [unit, setUnit] = useState('')
  const [position, setPosition] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const signed = file.households.filter((h) => h.agreementStatus === 'signed').length
  const total = file.households.length
  const statusOptions = options(
    HouseholdInput.shape.agreementStatus.options,
    'case.agreementStatus',
  )

  const submit = () => {
    const result = HouseholdInput.safeParse({
      unit,
      position: position.trim() || undefined,
      agreementStatus: 'pending',
    })
    if (!result.success) {
      setErrors(messages.fromIssues(result.error.issues))
      return
    }
    add.mutate(
      { household: result.data },
      {
        onSuccess: () => {
          setUnit('')
          setPosition('')
          setErrors({})
        },
      },
    )
  }
  const setStatus = (id: string, agreementStatus: HouseholdStatus) => {
    const household = file.households.find((h) => h.id === id)
    if (!household) return
    update.mutate({
      householdId: id,
      household: {
        unit: household.unit,
        position: household.position ?? undefined,
        agreementStatus,
      },
    })
  }

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('households.title')}</Title>
          <Text fw={600} data-testid="household-progress">
            {t('households.progress', { signed, total })}
          </Text>
        </Group>
        {total > 0 && (
          <Progress
            value={(signed / total) * 100}
            color="teal"
            aria-label={t('households.title')}
          />
        )}
        {total > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('households.unit')}</Table.Th>
                <Table.Th>{t('households.position')}</Table.Th>
                <Table.Th>{t('households.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {file.households.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{h.unit}</Table.Td>
                  <Table.Td>{h.position}</Table.Td>
                  <Table.Td w={160}>
                    <Select
                      size="xs"
                      aria-label={`${h.unit} ${t('households.status')}`}
                      data={statusOptions}
                      value={h.agreementStatus}
                      allowDeselect={false}
                      onChange={(value) => {
                        const status = HouseholdInput.shape.agreementStatus.safeParse(value)
                        if (status.success) setStatus(h.id, status.data)
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end">
          <TextInput
            label={t('households.unit')}
            placeholder={t('households.unitPlaceholder')}
            value={unit}
            error={errors.unit}
            onChange={(event) => setUnit(event.currentTarget.value)}
          />
          <TextInput
            flex={1}
            label={t('households.position')}
            value={position}
            onChange={(event) => setPosition(event.currentTarget.value)}
          />
          <Button variant="light" onClick={submit} loading={add.isPending}>
            {t('households.add')}
          </Button>
        </Group>
        <WriteError
          error={add.error ?? update.error}
          caseId={file.id}
          onReloaded={() => [add, update].forEach((m) => m.reset())}
        />
      </Stack>
    </Paper>
  )
}
