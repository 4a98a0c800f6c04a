import { MultiSelect, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { CaseSource, District, RiskLevel } from '../../../shared/schemas/case'
import type { FieldErrors } from '../validation'
import { useCaseWorkers } from './api'
import { useEnumOptions, userOptions } from './options'

/** The facts every case has, as the form holds them: an unanswered select is null. */
export interface Facts {
  source: string | null
  summary: string
  district: string | null
  street: string
  leadMediatorId: string | null
  coMediatorIds: string[]
  riskLevel: string | null
  acceptedAt: string
}

export const FACT_KEYS = [
  'source',
  'acceptedAt',
  'summary',
  'district',
  'street',
  'leadMediatorId',
  'coMediatorIds',
  'riskLevel',
] as const satisfies readonly (keyof Facts)[]

export function FactsFields({
  facts,
  errors,
  onChange,
}: {
  facts: Facts
  errors: FieldErrors
  onChange: (changes: Partial<Facts>) => void
}) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const workers = userOptions(useCaseWorkers())
  const props = (key: keyof Facts) => ({ label: t(`wizard.field.${key}`), error: errors[key] })
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} verticalSpacing="sm">
      <Select
        {...props('source')}
        data={options(CaseSource.options, 'case.source')}
        value={facts.source}
        onChange={(source) => onChange({ source })}
      />
      <TextInput
        {...props('acceptedAt')}
        type="date"
        value={facts.acceptedAt}
        onChange={(event) => onChange({ acceptedAt: event.currentTarget.value })}
      />
      <Textarea
        {...props('summary')}
        style={{ gridColumn: '1 / -1' }}
        autosize
        minRows={3}
        value={facts.summary}
        onChange={(event) => onChange({ summary: event.currentTarget.value })}
      />
      <Select
        {...props('district')}
        searchable
        data={options(District.options, 'case.district')}
        value={facts.district}
        onChange={(district) => onChange({ district })}
      />
      <TextInput
        {...props('street')}
        value={facts.street}
        onChange={(event) => onChange({ street: event.currentTarget.value })}
      />
      <Select
        {...props('leadMediatorId')}
        searchable
        data={workers}
        value={facts.leadMediatorId}
        onChange={(leadMediatorId) =>
          onChange({
            leadMediatorId,
            coMediatorIds: facts.coMediatorIds.filter((id) => id !== leadMediatorId),
          })
        }
      />
      <MultiSelect
        {...props('coMediatorIds')}
        searchable
        data={workers.filter((o) => o.value !== facts.leadMediatorId)}
        value={facts.coMediatorIds}
        onChange={(coMediatorIds) => onChange({ coMediatorIds })}
      />
      <Select
        {...props('riskLevel')}
        data={options(RiskLevel.options, 'case.risk')}
        value={facts.riskLevel}
        onChange={(riskLevel) => onChange({ riskLevel })}
      />
    </SimpleGrid>
  )
}
