import { Button, Group, Menu, Modal, Select, Stack, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelOutput } from '../../../shared/contract'
import { SavedFilterName } from '../../../shared/schemas/saved-filter'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { useFieldMessages } from '../validation'
import type { CaseFilter } from './api'
import { paramsFromFilter } from './filter'

type SavedFilter = ChannelOutput<'filters.list'>[number]

const SAVED_FILTERS_KEY = ['savedFilters'] as const
const NAME_MAX = 40

/** Two filters are the same when they make the same route (defaults and blanks left out). */
const sameFilter = (a: Partial<CaseFilter>, b: Partial<CaseFilter>) =>
  paramsFromFilter(a).toString() === paramsFromFilter(b).toString()

function useSavedFilters() {
  return useQuery({
    queryKey: SAVED_FILTERS_KEY,
    queryFn: () => call(concord().filters.list()),
  })
}

function useSavedFilterWrite<I>(send: (input: I) => Promise<SavedFilter[]>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: (list) => client.setQueryData(SAVED_FILTERS_KEY, list),
  })
}

/**
 * The user's saved filters of the case list (issue 3 item 8), kept per user in the encrypted
 * case base (a search text may be a party's name), never in the renderer's storage. Choosing one
 * applies it exactly as the filter controls would.
 */
export function SavedFilters({
  filter,
  onApply,
}: {
  filter: CaseFilter
  onApply: (filter: CaseFilter) => void
}) {
  const { t } = useTranslation()
  const saved = useSavedFilters()
  const remove = useSavedFilterWrite((id: string) => call(concord().filters.remove({ id })))
  const [saving, setSaving] = useState(false)
  const list = saved.data ?? []
  const current = list.find((f) => sameFilter(f.query, filter))

  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <Select
        w={170}
        size="xs"
        label={t('cases.savedFilters.label')}
        placeholder={list.length ? t('cases.savedFilters.choose') : t('cases.savedFilters.none')}
        disabled={list.length === 0}
        data={list.map((f) => ({ value: f.id, label: f.name }))}
        value={current?.id ?? null}
        onChange={(id) => {
          const chosen = list.find((f) => f.id === id)
          if (chosen) onApply(chosen.query)
        }}
      />
      <Button size="xs" variant="light" onClick={() => setSaving(true)}>
        {t('cases.savedFilters.save')}
      </Button>
      {list.length > 0 && (
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" variant="subtle" color="gray" loading={remove.isPending}>
              {t('cases.savedFilters.manage')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('cases.savedFilters.removeLabel')}</Menu.Label>
            {list.map((f) => (
              <Menu.Item key={f.id} color="red" onClick={() => remove.mutate(f.id)}>
                {t('cases.savedFilters.remove', { name: f.name })}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {remove.error && <ErrorAlert error={remove.error} />}
      {saving && (
        <SaveFilterModal
          filter={filter}
          initialName={current?.name ?? ''}
          onClose={() => setSaving(false)}
        />
      )}
    </Group>
  )
}

function SaveFilterModal({
  filter,
  initialName,
  onClose,
}: {
  filter: CaseFilter
  initialName: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const messages = useFieldMessages()
  const save = useSavedFilterWrite((input: { name: string; query: CaseFilter }) =>
    call(concord().filters.save(input)),
  )
  const [name, setName] = useState(initialName)
  const parsed = SavedFilterName.safeParse(name)
  const core = messages.fromCore(save.error)
  const submit = () => {
    if (parsed.success) save.mutate({ name: parsed.data, query: filter }, { onSuccess: onClose })
  }

  return (
    <Modal opened onClose={onClose} title={t('cases.savedFilters.saveTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <Stack>
          <TextInput
            data-autofocus
            required
            label={t('cases.savedFilters.name')}
            description={t('cases.savedFilters.nameHint')}
            maxLength={NAME_MAX}
            value={name}
            error={core.name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          {!core.name && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!parsed.success} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
