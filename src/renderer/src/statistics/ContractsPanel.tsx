import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
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
import { District } from '../../../shared/schemas/case'
import { Target } from '../../../shared/schemas/statistics'
import { ErrorAlert } from '../components/ErrorAlert'
import { useEnumOptions } from '../cases/options'
import { useDates } from '../format'
import {
  useContracts,
  useRemoveContract,
  useSaveContract,
  type ContractInput,
  type Dashboard,
  type ServiceContract,
} from './api'

const INDICATORS = Target.shape.indicator.options
const isRate = (indicator: string) => indicator.endsWith('Rate')

/** Progress against each target of the contracts that overlap the period. */
export function ContractProgressList({ progress }: { progress: Dashboard['contracts'] }) {
  const { t } = useTranslation()
  const dates = useDates()
  return (
    <Paper withBorder p="md" component="section" aria-label={t('stats.contract.progress')}>
      <Title order={4} mb="sm">
        {t('stats.contract.progress')}
      </Title>
      <Stack gap="md">
        {progress.map(({ contract, asOf, targets }) => (
          <div key={contract.id}>
            <Group justify="space-between" mb={4}>
              <Text fw={600}>
                {contract.title} · {contract.purchaser}
              </Text>
              <Text size="sm" c="dimmed">
                {t('stats.contract.period', {
                  from: dates.date(contract.from),
                  to: dates.date(contract.to),
                })}
                {' · '}
                {t('stats.contract.asOf', { date: dates.date(asOf) })}
              </Text>
            </Group>
            <Stack gap={6}>
              {targets.map((target) => {
                const share =
                  target.value > 0
                    ? Math.min(((target.actual ?? 0) / target.value) * 100, 100)
                    : 100
                const unit = isRate(target.indicator) ? '%' : ''
                return (
                  <Group key={target.indicator} gap="sm" wrap="nowrap">
                    <Text size="sm" w={120}>
                      {t(`stats.figure.${target.indicator}`)}
                    </Text>
                    <Progress
                      value={share}
                      color={target.met ? 'teal' : 'orange'}
                      style={{ flex: 1 }}
                      aria-label={t(`stats.figure.${target.indicator}`)}
                    />
                    <Text size="sm" w={140} ta="right">
                      {target.actual ?? '—'}
                      {unit} / {target.value}
                      {unit}
                    </Text>
                    <Badge color={target.met ? 'teal' : 'orange'} variant="light" w={80}>
                      {target.met ? t('stats.contract.yes') : t('stats.contract.no')}
                    </Badge>
                  </Group>
                )
              })}
            </Stack>
          </div>
        ))}
      </Stack>
    </Paper>
  )
}

const EMPTY: ContractInput = {
  title: '',
  purchaser: '',
  contractNo: '',
  from: '',
  to: '',
  district: null,
  targets: [{ indicator: 'accepted', value: 0 }],
}

/** The organization's service contracts (服务购买合同); supervisors and administrators edit. */
export function ContractsPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation()
  const dates = useDates()
  const contracts = useContracts(true)
  const remove = useRemoveContract()
  const [editing, setEditing] = useState<ContractInput | null>(null)
  return (
    <Paper withBorder p="md" component="section" aria-label={t('stats.contract.title')}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('stats.contract.title')}</Title>
        {editable && (
          <Button variant="light" onClick={() => setEditing(EMPTY)}>
            {t('stats.contract.add')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={contracts.error ?? remove.error} />
      {contracts.data?.length === 0 && <Text c="dimmed">{t('stats.contract.none')}</Text>}
      {!!contracts.data?.length && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stats.contract.name')}</Table.Th>
              <Table.Th>{t('stats.contract.purchaser')}</Table.Th>
              <Table.Th>{t('stats.contract.contractNo')}</Table.Th>
              <Table.Th>{t('stats.contract.from')}</Table.Th>
              <Table.Th>{t('stats.contract.to')}</Table.Th>
              {editable && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contracts.data.map((c: ServiceContract) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.title}</Table.Td>
                <Table.Td>{c.purchaser}</Table.Td>
                <Table.Td>{c.contractNo}</Table.Td>
                <Table.Td>{dates.date(c.from)}</Table.Td>
                <Table.Td>{dates.date(c.to)}</Table.Td>
                {editable && (
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(c)}>
                        {t('stats.contract.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          if (
                            window.confirm(t('stats.contract.removeConfirm', { title: c.title }))
                          ) {
                            remove.mutate(c.id)
                          }
                        }}
                      >
                        {t('stats.contract.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <ContractEditor initial={editing} onClose={() => setEditing(null)} />}
    </Paper>
  )
}

function ContractEditor({ initial, onClose }: { initial: ContractInput; onClose: () => void }) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const save = useSaveContract()
  const [draft, setDraft] = useState<ContractInput>(initial)
  const set = (patch: Partial<ContractInput>) => setDraft({ ...draft, ...patch })
  const targets = draft.targets ?? []
  const setTarget = (index: number, patch: Partial<(typeof targets)[number]>) =>
    set({ targets: targets.map((target, i) => (i === index ? { ...target, ...patch } : target)) })
  return (
    <Modal opened onClose={onClose} title={t('stats.contract.title')} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save.mutate(draft, { onSuccess: onClose })
        }}
      >
        <Stack>
          <TextInput
            required
            label={t('stats.contract.name')}
            value={draft.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
          />
          <TextInput
            required
            label={t('stats.contract.purchaser')}
            placeholder={t('stats.contract.purchaserPlaceholder')}
            value={draft.purchaser}
            onChange={(e) => set({ purchaser: e.currentTarget.value })}
          />
          <TextInput
            label={t('stats.contract.contractNo')}
            value={draft.contractNo ?? ''}
            onChange={(e) => set({ contractNo: e.currentTarget.value })}
          />
          <Group grow>
            <TextInput
              required
              type="date"
              label={t('stats.contract.from')}
              value={draft.from}
              onChange={(e) => set({ from: e.currentTarget.value })}
            />
            <TextInput
              required
              type="date"
              label={t('stats.contract.to')}
              value={draft.to}
              onChange={(e) => set({ to: e.currentTarget.value })}
            />
          </Group>
          <Select
            clearable
            label={t('stats.contract.district')}
            placeholder={t('stats.contract.allDistricts')}
            data={options(District.options, 'case.district')}
            value={draft.district ?? null}
            onChange={(value) => set({ district: (value ?? null) as ContractInput['district'] })}
          />
          <Text fw={500} size="sm">
            {t('stats.contract.targets')}
          </Text>
          {targets.map((target, index) => (
            <Group key={index} align="flex-end" wrap="nowrap">
              <Select
                label={t('stats.contract.indicator')}
                allowDeselect={false}
                data={INDICATORS.map((value) => ({ value, label: t(`stats.figure.${value}`) }))}
                value={target.indicator}
                onChange={(value) =>
                  value && setTarget(index, { indicator: value as typeof target.indicator })
                }
                style={{ flex: 1 }}
              />
              <NumberInput
                label={t('stats.contract.target')}
                description={t('stats.contract.targetHint')}
                min={0}
                max={isRate(target.indicator) ? 100 : 1_000_000}
                value={target.value}
                onChange={(value) =>
                  setTarget(index, { value: typeof value === 'number' ? value : 0 })
                }
                w={160}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('stats.contract.remove')}
                onClick={() => set({ targets: targets.filter((_, i) => i !== index) })}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              onClick={() => set({ targets: [...targets, { indicator: 'onTimeRate', value: 90 }] })}
              disabled={targets.length >= 10}
            >
              {t('stats.contract.addTarget')}
            </Button>
          </Group>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('stats.contract.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('stats.contract.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
