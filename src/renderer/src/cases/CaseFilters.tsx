import { Button, Checkbox, Group, Select, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { CaseCategory, District, RiskLevel } from '../../../shared/schemas/case'
import { useCaseWorkers, type CaseFilter } from './api'
import { useEnumOptions, userOptions } from './options'
import { SavedFilters } from './SavedFilters'
import { useIsCaseWorker } from './access'

const SEARCH_DELAY_MS = 300

/** Stages of the chosen category, or of all categories when none is chosen, in stepper order. */
function stagesFor(category: CaseFilter['category']): string[] {
  const definitions = category ? [WORKFLOWS[category]] : Object.values(WORKFLOWS)
  return [...new Set(definitions.flatMap((d) => d.stages.map((s) => s.id)))]
}

export function CaseFilters({
  filter,
  onChange,
}: {
  filter: CaseFilter
  onChange: (filter: CaseFilter) => void
}) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const workers = useCaseWorkers()
  const caseWorker = useIsCaseWorker()
  const [text, setText] = useState(filter.text ?? '')
  const search = useDebouncedCallback(
    (value: string) => onChange({ ...filter, text: value.trim() || undefined }),
    SEARCH_DELAY_MS,
  )
  // Any other change settles the search box first, so the typed text goes with it in one
  // query; clearing and applying a saved filter cancel the pending search instead, which would
  // otherwise re-apply text the box no longer shows.
  const set = <K extends keyof CaseFilter>(key: K, value: CaseFilter[K] | null) => {
    search.cancel()
    onChange({ ...filter, text: text.trim() || undefined, [key]: value ?? undefined })
  }
  const active = Object.entries(filter).some(
    ([key, value]) => !['sort', 'direction'].includes(key) && value !== undefined,
  )

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <TextInput
        w={260}
        size="xs"
        label={t('cases.filter.text')}
        placeholder={t('cases.filter.textPlaceholder')}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value)
          search(event.currentTarget.value)
        }}
      />
      <Select
        w={130}
        size="xs"
        clearable
        label={t('cases.filter.category')}
        data={options(CaseCategory.options, 'workflow.category')}
        value={filter.category ?? null}
        onChange={(value) =>
          onChange({ ...filter, category: CaseCategory.safeParse(value).data, stage: undefined })
        }
      />
      <Select
        w={130}
        size="xs"
        clearable
        label={t('cases.filter.stage')}
        data={options(stagesFor(filter.category), 'workflow.stage')}
        value={filter.stage ?? null}
        onChange={(value) => set('stage', value)}
      />
      <Select
        w={130}
        size="xs"
        clearable
        searchable
        label={t('cases.filter.mediator')}
        data={userOptions(workers)}
        value={filter.mediatorId ?? null}
        onChange={(value) => set('mediatorId', value)}
      />
      <Select
        w={110}
        size="xs"
        clearable
        label={t('cases.filter.district')}
        data={options(District.options, 'case.district')}
        value={filter.district ?? null}
        onChange={(value) => set('district', District.safeParse(value).data)}
      />
      <Select
        w={100}
        size="xs"
        clearable
        label={t('cases.filter.risk')}
        data={options(RiskLevel.options, 'case.risk')}
        value={filter.riskLevel ?? null}
        onChange={(value) => set('riskLevel', RiskLevel.safeParse(value).data)}
      />
      <TextInput
        w={140}
        size="xs"
        type="date"
        label={t('cases.filter.acceptedFrom')}
        value={filter.acceptedFrom ?? ''}
        onChange={(event) => set('acceptedFrom', event.currentTarget.value || undefined)}
      />
      <TextInput
        w={140}
        size="xs"
        type="date"
        label={t('cases.filter.acceptedTo')}
        value={filter.acceptedTo ?? ''}
        onChange={(event) => set('acceptedTo', event.currentTarget.value || undefined)}
      />
      <Checkbox
        mb={6}
        label={t('cases.filter.overdue')}
        checked={filter.overdue === true}
        onChange={(event) => set('overdue', event.currentTarget.checked || undefined)}
      />
      {active && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => {
            search.cancel()
            setText('')
            onChange({ sort: filter.sort, direction: filter.direction })
          }}
        >
          {t('cases.filter.clear')}
        </Button>
      )}
      {caseWorker && (
        <SavedFilters
          filter={filter}
          onApply={(saved) => {
            search.cancel()
            setText(saved.text ?? '')
            onChange(saved)
          }}
        />
      )}
    </Group>
  )
}
