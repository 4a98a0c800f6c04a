import {
  Alert,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CaseCategory } from '../../../shared/domain/workflow/types'
import {
  CaseProgress,
  ExpropriationDetails,
  FamilyDetails,
  PetitionDetails,
} from '../../../shared/schemas/case'
import { useDates } from '../format'
import { useLabel } from '../i18n'
import type { FieldErrors } from '../validation'
import { IncidentLog, incidentsOf } from './IncidentLog'
import { useEnumOptions } from './options'

export type Spec =
  | { key: string; kind: 'text' | 'textarea' | 'date' | 'yesNo' }
  | {
      key: string
      kind: 'number'
      max?: number
      decimals?: number
      unit?: 'area' | 'yuan' | 'percent'
    }
  | { key: string; kind: 'select'; options: readonly string[]; labels: string }

/**
 * The fields each category asks for (issue 3, item 3), in the order a mediator meets them.
 * Keys are those of the category's details schema; labels are caseFields.<key>.
 */
export const DETAIL_FIELDS: Record<CaseCategory, readonly Spec[]> = {
  family: [
    {
      key: 'relationship',
      kind: 'select',
      options: FamilyDetails.shape.relationship.unwrap().options,
      labels: 'case.relationship',
    },
    { key: 'childrenPresent', kind: 'yesNo' },
    { key: 'riskTool', kind: 'text' },
    { key: 'mandatoryReportAssessed', kind: 'yesNo' },
    { key: 'warningLetterNo', kind: 'text' },
    { key: 'warningLetterDate', kind: 'date' },
    { key: 'protectionOrderNo', kind: 'text' },
    { key: 'protectionOrderIssuedAt', kind: 'date' },
    { key: 'protectionOrderExpiresAt', kind: 'date' },
    { key: 'shelterReferral', kind: 'yesNo' },
    { key: 'safetyPlan', kind: 'textarea' },
  ],
  petition: [
    {
      key: 'petitionCategory',
      kind: 'select',
      options: PetitionDetails.shape.petitionCategory.unwrap().options,
      labels: 'case.petitionCategory',
    },
    { key: 'handlingAgency', kind: 'text' },
    { key: 'petitionReceivedAt', kind: 'date' },
    { key: 'petitionAcceptedAt', kind: 'date' },
    // 信访工作条例 Art. 20: a group visit chooses at most five representatives.
    { key: 'groupVisitRepresentatives', kind: 'number', max: 5, decimals: 0 },
  ],
  expropriation: [
    { key: 'expropriationDecisionNo', kind: 'text' },
    { key: 'expropriationDecisionDate', kind: 'date' },
    {
      key: 'tenure',
      kind: 'select',
      options: ExpropriationDetails.shape.tenure.unwrap().options,
      labels: 'case.tenure',
    },
    { key: 'area', kind: 'number', decimals: 2, unit: 'area' },
    { key: 'valuation', kind: 'number', decimals: 2, unit: 'yuan' },
    { key: 'valuationRecheckRequestedAt', kind: 'date' },
    {
      key: 'compensationChoice',
      kind: 'select',
      options: ExpropriationDetails.shape.compensationChoice.unwrap().options,
      labels: 'case.compensationChoice',
    },
    { key: 'resettlementFlat', kind: 'text' },
  ],
  owners: [
    { key: 'estate', kind: 'text' },
    { key: 'propertyCompany', kind: 'text' },
    { key: 'committeeTermStart', kind: 'date' },
    { key: 'committeeTermEnd', kind: 'date' },
    { key: 'propertyContractExpiry', kind: 'date' },
    { key: 'maintenanceFundPercent', kind: 'number', decimals: 1, unit: 'percent' },
  ],
}

export type DetailsDraft = Record<string, unknown>

/** Fields the case records as it moves on (CaseProgress), the shared workflow guard fields. */
export const PROGRESS_FIELDS: readonly Spec[] = [
  { key: 'rightsNotifiedAt', kind: 'date' },
  { key: 'agreementEffectiveAt', kind: 'date' },
  { key: 'performanceDeadline', kind: 'date' },
  { key: 'personalStatusMatter', kind: 'yesNo' },
  { key: 'judicialConfirmationAppliedAt', kind: 'date' },
  {
    key: 'judicialConfirmationResult',
    kind: 'select',
    options: CaseProgress.shape.judicialConfirmationResult.unwrap().options,
    labels: 'case.judicialConfirmationResult',
  },
  { key: 'followUpAt', kind: 'date' },
]

/** The specs' values as the schema wants them: empty inputs are absent, not ''. */
export function cleanFields(specs: readonly Spec[], draft: DetailsDraft): DetailsDraft {
  const clean: DetailsDraft = {}
  for (const spec of specs) {
    const value = draft[spec.key]
    if (value !== undefined && value !== null && value !== '') clean[spec.key] = value
  }
  return clean
}

export function cleanDetails(category: CaseCategory, draft: DetailsDraft) {
  const clean = { category, ...cleanFields(DETAIL_FIELDS[category], draft) }
  // The incident log is a list, kept by its own component rather than a field spec.
  const incidents = incidentsOf(draft.incidents)
  return category === 'family' && incidents.length > 0 ? { ...clean, incidents } : clean
}

interface FieldGridProps {
  specs: readonly Spec[]
  values: DetailsDraft
  /** By field key. */
  errors: FieldErrors
  onChange: (key: string, value: unknown) => void
}

export function FieldGrid({ specs, values, errors, onChange }: FieldGridProps) {
  const { t } = useTranslation()
  const label = useLabel()
  const options = useEnumOptions()
  const field = (spec: Spec) => {
    const common = { label: label(`caseFields.${spec.key}`), error: errors[spec.key] }
    const value = values[spec.key]
    switch (spec.kind) {
      case 'text':
      case 'date':
        return (
          <TextInput
            key={spec.key}
            {...common}
            type={spec.kind === 'date' ? 'date' : 'text'}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => onChange(spec.key, event.currentTarget.value)}
          />
        )
      case 'textarea':
        return (
          <Textarea
            key={spec.key}
            {...common}
            autosize
            minRows={3}
            style={{ gridColumn: '1 / -1' }}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => onChange(spec.key, event.currentTarget.value)}
          />
        )
      case 'number':
        return (
          <NumberInput
            key={spec.key}
            {...common}
            min={0}
            max={spec.max}
            decimalScale={spec.decimals}
            allowNegative={false}
            thousandSeparator={spec.unit === 'yuan' ? ',' : undefined}
            rightSection={spec.unit ? t(`caseFields.unit.${spec.unit}`) : undefined}
            rightSectionWidth={spec.unit ? 40 : undefined}
            value={typeof value === 'number' ? value : ''}
            onChange={(next) => onChange(spec.key, typeof next === 'number' ? next : undefined)}
          />
        )
      case 'select':
        return (
          <Select
            key={spec.key}
            {...common}
            clearable
            data={options(spec.options, spec.labels)}
            value={typeof value === 'string' ? value : null}
            onChange={(next) => onChange(spec.key, next ?? undefined)}
          />
        )
      case 'yesNo':
        // Three states: a guard counts "no" as answered, so unanswered must stay possible.
        return (
          <Radio.Group
            key={spec.key}
            {...common}
            value={value === true ? 'yes' : value === false ? 'no' : null}
            onChange={(next) => onChange(spec.key, next === 'yes')}
          >
            <Group mt={6}>
              <Radio value="yes" label={t('common.yes')} />
              <Radio value="no" label={t('common.no')} />
            </Group>
          </Radio.Group>
        )
    }
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {specs.map(field)}
    </SimpleGrid>
  )
}

/** The category's own fields; family cases lead with the mandatory-report duty. */
export function DetailsFields({
  category,
  ...props
}: { category: CaseCategory } & Omit<FieldGridProps, 'specs'>) {
  const { t } = useTranslation()
  return (
    <>
      {category === 'family' && (
        <Alert color="orange" variant="light" title={t('caseFields.mandatoryReportTitle')} mb="md">
          {t('caseFields.mandatoryReportHint')}
        </Alert>
      )}
      <FieldGrid specs={DETAIL_FIELDS[category]} {...props} />
      {category === 'family' && (
        <IncidentLog
          incidents={incidentsOf(props.values.incidents)}
          errors={props.errors}
          onChange={(incidents) => props.onChange('incidents', incidents)}
        />
      )}
    </>
  )
}

/** A category field as read, not edited: labels for codes, Chinese dates, units. */
export function DetailValue({ spec, value }: { spec: Spec; value: unknown }) {
  const { t } = useTranslation()
  const label = useLabel()
  const dates = useDates()
  if (value === undefined || value === null || value === '') return null
  switch (spec.kind) {
    case 'select':
      return label(`${spec.labels}.${String(value)}`)
    case 'yesNo':
      return value ? t('common.yes') : t('common.no')
    case 'date':
      return dates.date(String(value))
    case 'number':
      return spec.unit ? `${String(value)} ${t(`caseFields.unit.${spec.unit}`)}` : String(value)
    default:
      return String(value)
  }
}
