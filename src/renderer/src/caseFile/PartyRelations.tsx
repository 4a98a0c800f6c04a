import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PartyRelationKind } from '../../../shared/schemas/case'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useEnumOptions } from '../cases/options'
import { WriteError } from './WriteError'

/**
 * How the parties of a case stand to each other, read as "张三 — 配偶 — 李四", with a small
 * form to record one more and a button to remove each.
 */
export function PartyRelations({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const relate = useCaseWrite(file, 'parties.relate')
  const unrelate = useCaseWrite(file, 'parties.unrelate')
  const [partyId, setPartyId] = useState<string | null>(null)
  const [relation, setRelation] = useState<string | null>(null)
  const [otherPartyId, setOtherPartyId] = useState<string | null>(null)
  const names = new Map(file.parties.map((p) => [p.id, p.name]))
  const partyOptions = file.parties.map((p) => ({ value: p.id, label: p.name }))
  const kind = PartyRelationKind.safeParse(relation)
  const ready =
    partyId !== null && otherPartyId !== null && partyId !== otherPartyId && kind.success

  const submit = () => {
    if (!ready) return
    relate.mutate(
      { partyId, otherPartyId, relation: kind.data },
      {
        onSuccess: () => {
          setPartyId(null)
          setRelation(null)
          setOtherPartyId(null)
        },
      },
    )
  }

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={5}>{t('relations.title')}</Title>
        {file.relations.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('relations.empty')}
          </Text>
        )}
        {file.relations.map((r) => {
          const text = `${names.get(r.partyId) ?? ''} — ${t(`case.relation.${r.relation}`)} — ${
            names.get(r.otherPartyId) ?? ''
          }`
          return (
            <Group key={`${r.partyId}-${r.otherPartyId}`} justify="space-between">
              <Text size="sm" data-testid="party-relation">
                {text}
              </Text>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={t('relations.removeLabel', { text })}
                loading={unrelate.isPending}
                onClick={() =>
                  unrelate.mutate({ partyId: r.partyId, otherPartyId: r.otherPartyId })
                }
              >
                {t('relations.remove')}
              </Button>
            </Group>
          )
        })}
        {file.parties.length < 2 ? (
          <Text c="dimmed" size="sm">
            {t('relations.needTwoParties')}
          </Text>
        ) : (
          <Group align="flex-end">
            <Select
              label={t('relations.party')}
              data={partyOptions}
              value={partyId}
              onChange={setPartyId}
            />
            <Select
              label={t('relations.relation')}
              data={options(PartyRelationKind.options, 'case.relation')}
              value={relation}
              onChange={setRelation}
            />
            <Select
              label={t('relations.otherParty')}
              data={partyOptions.filter((p) => p.value !== partyId)}
              value={otherPartyId}
              onChange={setOtherPartyId}
            />
            <Button variant="light" disabled={!ready} loading={relate.isPending} onClick={submit}>
              {t('relations.add')}
            </Button>
          </Group>
        )}
        <WriteError
          error={relate.error ?? unrelate.error}
          caseId={file.id}
          onReloaded={() => [relate, unrelate].forEach((m) => m.reset())}
        />
      </Stack>
    </Paper>
  )
}
