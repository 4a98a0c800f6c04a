import { Alert, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { WORKFLOWS } from '../../../shared/domain/workflow'
import { CaseCategory, CaseSource, District, RiskLevel } from '../../../shared/schemas/case'
import {
  DefaultableField,
  ImportField,
  LEDGER_HEADER_ROWS,
  REQUIRED_FIELDS,
  type ImportMapping,
  type ImportOpenOutput,
} from '../../../shared/schemas/ledger-import'
import { useCaseWorkers } from '../cases/api'
import { useEnumOptions, userOptions } from '../cases/options'
import { useLabel } from '../i18n'
import { applySaved, columnLetter, headersOf, missingFields } from './mapping'

interface Props {
  opened: ImportOpenOutput
  mapping: ImportMapping
  onChange: (mapping: ImportMapping) => void
  onSave: (name: string) => Promise<void>
}

/**
 * Which ledger column fills which field, with a value for blank cells where the field is a
 * choice (a ledger kept per category has no category column). Saved mappings apply by header
 * text, so a ledger with its columns reordered still fits.
 */
export function MappingStep({ opened, mapping, onChange, onSave }: Props) {
  const { t, i18n } = useTranslation()
  const label = useLabel()
  const options = useEnumOptions()
  const workers = useCaseWorkers()
  const [savedName, setSavedName] = useState('')
  const [notice, setNotice] = useState<{ color: string; text: string } | null>(null)
  const headers = headersOf(opened, mapping.sheet, mapping.headerRow)
  const sheet = opened.sheets.find((s) => s.name === mapping.sheet)
  const headerRow = sheet?.headerRows.find((h) => h.row === mapping.headerRow)
  /** The columns the header texts of that row name, as the core suggested them. */
  const suggestFor = (sheetName: string, row?: number): ImportMapping => {
    const rows = opened.sheets.find((s) => s.name === sheetName)?.headerRows ?? []
    const best = [...rows].sort(
      (a, b) => Object.keys(b.columns).length - Object.keys(a.columns).length || a.row - b.row,
    )[0]
    const chosen = row === undefined ? best : rows.find((h) => h.row === row)
    return {
      ...mapping,
      sheet: sheetName,
      headerRow: chosen?.row ?? row ?? 1,
      columns: chosen?.columns ?? {},
    }
  }
  const dataRows = sheet?.preview.filter((row) => row.row > mapping.headerRow).slice(0, 3) ?? []
  const columnOptions = [
    { value: '', label: t('ledgerImport.mapping.none') },
    ...headers.map((header, index) => ({
      value: String(index),
      label: t('ledgerImport.mapping.columnOption', { letter: columnLetter(index), header }),
    })),
  ]
  const category = CaseCategory.safeParse(mapping.defaults.category)
  const defaultOptions: Partial<Record<string, { value: string; label: string }[]>> = {
    category: options(CaseCategory.options, 'workflow.category'),
    source: options(CaseSource.options, 'case.source'),
    district: options(District.options, 'case.district'),
    riskLevel: options(RiskLevel.options, 'case.risk'),
    leadMediator: userOptions(workers),
    ...(category.success
      ? {
          stage: options(
            WORKFLOWS[category.data].stages.map((s) => s.id),
            'workflow.stage',
          ),
        }
      : {}),
  }
  const missing = missingFields(mapping)

  const setColumn = (field: ImportField, value: string | null) => {
    const columns = { ...mapping.columns }
    if (value) columns[field] = Number(value)
    else delete columns[field]
    onChange({ ...mapping, columns })
  }
  const setDefault = (field: DefaultableField, value: string | null) => {
    const defaults = { ...mapping.defaults }
    if (value) defaults[field] = value
    else delete defaults[field]
    if (field === 'category') delete defaults.stage
    onChange({ ...mapping, defaults })
  }
  const chooseSaved = (id: string | null) => {
    const saved = opened.saved.find((s) => s.id === id)
    if (!saved) return
    const applied = applySaved(saved, opened, mapping.sheet)
    setNotice(applied ? null : { color: 'yellow', text: t('ledgerImport.mapping.savedMismatch') })
    if (applied) onChange(applied)
  }

  return (
    <Stack gap="sm">
      <Text size="sm">{t('ledgerImport.mapping.intro')}</Text>
      {opened.suggestedFrom && (
        <Alert color="blue" variant="light">
          {t('ledgerImport.mapping.fromSaved', { name: opened.suggestedFrom })}
        </Alert>
      )}
      <Group align="flex-end" wrap="wrap">
        {opened.sheets.length > 1 && (
          <Select
            label={t('ledgerImport.mapping.sheet')}
            data={opened.sheets.map((s) => s.name)}
            value={mapping.sheet}
            allowDeselect={false}
            onChange={(name) => name && onChange(suggestFor(name))}
          />
        )}
        <Select
          label={t('ledgerImport.mapping.headerRow')}
          w={120}
          data={Array.from({ length: LEDGER_HEADER_ROWS }, (_, i) => String(i + 1))}
          value={String(mapping.headerRow)}
          allowDeselect={false}
          onChange={(row) => row && onChange(suggestFor(mapping.sheet, Number(row)))}
        />
        {opened.saved.length > 0 && (
          <Select
            label={t('ledgerImport.mapping.saved')}
            placeholder={t('ledgerImport.mapping.savedPlaceholder')}
            data={opened.saved.map((s) => ({ value: s.id, label: s.name }))}
            value={null}
            onChange={chooseSaved}
          />
        )}
        <Text size="sm" c="dimmed">
          {t('ledgerImport.mapping.rows', { count: headerRow?.rowCount ?? sheet?.rowCount ?? 0 })}
          {opened.encoding &&
            ` · ${t('ledgerImport.mapping.encoding', { encoding: opened.encoding.toUpperCase() })}`}
        </Text>
      </Group>
      {notice && (
        <Alert color={notice.color} variant="light" role="status">
          {notice.text}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={600} maxHeight={300}>
        <Table striped withTableBorder stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ledgerImport.mapping.field')}</Table.Th>
              <Table.Th>{t('ledgerImport.mapping.column')}</Table.Th>
              <Table.Th>{t('ledgerImport.mapping.default')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ImportField.options.map((field) => {
              const defaultable = DefaultableField.safeParse(field)
              const choices = defaultable.success ? defaultOptions[field] : undefined
              const fieldLabel = label(`ledgerImport.field.${field}`)
              return (
                <Table.Tr key={field} data-field={field}>
                  <Table.Td>
                    {fieldLabel}
                    {REQUIRED_FIELDS.includes(field) && (
                      <Text span c="red" aria-hidden>
                        {' *'}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${fieldLabel} · ${t('ledgerImport.mapping.column')}`}
                      size="xs"
                      data={columnOptions}
                      value={String(mapping.columns[field] ?? '')}
                      allowDeselect={false}
                      onChange={(value) => setColumn(field, value)}
                    />
                  </Table.Td>
                  <Table.Td>
                    {defaultable.success && choices && (
                      <Select
                        aria-label={`${fieldLabel} · ${t('ledgerImport.mapping.default')}`}
                        size="xs"
                        clearable
                        searchable
                        placeholder={t('ledgerImport.mapping.noDefault')}
                        data={choices}
                        value={mapping.defaults[defaultable.data] ?? null}
                        onChange={(value) => setDefault(defaultable.data, value)}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {dataRows.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('ledgerImport.mapping.preview')}
          </Text>
          <Table.ScrollContainer minWidth={600}>
            <Table withTableBorder fz="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  {headers.map((header, i) => (
                    <Table.Th key={i}>{`${columnLetter(i)} ${header}`}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dataRows.map((row) => (
                  <Table.Tr key={row.row}>
                    <Table.Td c="dimmed">{row.row}</Table.Td>
                    {headers.map((_, i) => (
                      <Table.Td key={i}>{row.cells[i] ?? ''}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      {missing.length > 0 && (
        <Alert color="orange" variant="light" data-testid="import-missing">
          {t('ledgerImport.mapping.missing', {
            fields: new Intl.ListFormat(i18n.language).format(
              missing.map((f) => label(`ledgerImport.field.${f}`)),
            ),
          })}
        </Alert>
      )}
      <Group align="flex-end">
        <TextInput
          label={t('ledgerImport.mapping.saveName')}
          value={savedName}
          maxLength={40}
          onChange={(event) => setSavedName(event.currentTarget.value)}
        />
        <Button
          variant="default"
          disabled={!savedName.trim()}
          onClick={() =>
            void onSave(savedName.trim()).then(() =>
              setNotice({
                color: 'green',
                text: t('ledgerImport.mapping.savedDone', { name: savedName.trim() }),
              }),
            )
          }
        >
          {t('ledgerImport.mapping.save')}
        </Button>
      </Group>
    </Stack>
  )
}
