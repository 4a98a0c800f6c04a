import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IsoDate, todayInChina } from '../../../shared/domain/iso-date'
import {
  DataRequestKind,
  DataRequestOutcome,
  type DataRequest,
} from '../../../shared/schemas/privacy'
import { useCaseWrite, type CaseFile } from '../cases/api'
import { useEnumOptions } from '../cases/options'
import { useDates } from '../format'
import { useFieldMessages } from '../validation'
import { WriteModal } from './WriteModal'

const OUTCOME_COLOR = { pending: 'yellow', granted: 'green', partlyGranted: 'blue', refused: 'red' }

/** PIPL Arts. 44–50: what a party asked about their own data, and what they were told. */
export function DataRequests({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const dates = useDates()
  const [adding, setAdding] = useState(false)
  const [deciding, setDeciding] = useState<DataRequest | null>(null)
  const names = new Map(file.parties.map((p) => [p.id, p.name]))
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>{t('privacy.requests.title')}</Title>
        <Button
          variant="light"
          disabled={file.parties.length === 0}
          onClick={() => setAdding(true)}
        >
          {t('privacy.requests.add')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('privacy.requests.hint')}
      </Text>
      {file.dataRequests.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('privacy.requests.empty')}
        </Text>
      ) : (
        <Paper withBorder>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.requests.party')}</Table.Th>
                <Table.Th>{t('privacy.requests.kind')}</Table.Th>
                <Table.Th>{t('privacy.requests.receivedAt')}</Table.Th>
                <Table.Th>{t('privacy.requests.request')}</Table.Th>
                <Table.Th>{t('privacy.requests.outcome')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {file.dataRequests.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>{names.get(request.partyId) ?? ''}</Table.Td>
                  <Table.Td>{t(`privacy.requests.kindLabel.${request.kind}`)}</Table.Td>
                  <Table.Td>{dates.date(request.receivedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{request.request}</Text>
                    {request.response && (
                      <Text size="xs" c="dimmed">
                        {request.response}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={OUTCOME_COLOR[request.outcome]} variant="light">
                      {t(`privacy.requests.outcomeLabel.${request.outcome}`)}
                    </Badge>
                    {request.decidedAt && (
                      <Text size="xs" c="dimmed">
                        {dates.date(request.decidedAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {request.outcome === 'pending' && (
                      <Button size="xs" variant="subtle" onClick={() => setDeciding(request)}>
                        {t('privacy.requests.decide')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {adding && <AddRequestModal file={file} onClose={() => setAdding(false)} />}
      {deciding && (
        <DecideRequestModal file={file} request={deciding} onClose={() => setDeciding(null)} />
      )}
    </Stack>
  )
}

function AddRequestModal({ file, onClose }: { file: CaseFile; onClose: () => void }) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const messages = useFieldMessages()
  const add = useCaseWrite(file, 'dataRequests.add')
  const [partyId, setPartyId] = useState<string | null>(file.parties[0]?.id ?? null)
  const [kind, setKind] = useState<string | null>('access')
  const [receivedAt, setReceivedAt] = useState(todayInChina())
  const [request, setRequest] = useState('')
  const core = messages.fromCore(add.error)
  const parsedKind = DataRequestKind.safeParse(kind)
  const ready =
    partyId !== null &&
    parsedKind.success &&
    IsoDate.safeParse(receivedAt).success &&
    request.trim() !== ''
  const submit = () => {
    if (!partyId || !parsedKind.success) return
    add.mutate(
      { request: { partyId, kind: parsedKind.data, receivedAt, request: request.trim() } },
      { onSuccess: onClose },
    )
  }
  return (
    <WriteModal
      file={file}
      title={t('privacy.requests.add')}
      mutation={add}
      ready={ready}
      submitLabel={t('common.save')}
      onSubmit={submit}
      onClose={onClose}
    >
      <Select
        label={t('privacy.requests.party')}
        required
        data={file.parties.map((p) => ({ value: p.id, label: p.name }))}
        value={partyId}
        onChange={setPartyId}
        error={core['request.partyId']}
      />
      <Select
        label={t('privacy.requests.kind')}
        required
        data={options(DataRequestKind.options, 'privacy.requests.kindLabel')}
        value={kind}
        onChange={setKind}
      />
      <TextInput
        type="date"
        label={t('privacy.requests.receivedAt')}
        required
        value={receivedAt}
        error={core['request.receivedAt']}
        onChange={(e) => setReceivedAt(e.currentTarget.value)}
      />
      <Textarea
        label={t('privacy.requests.request')}
        required
        autosize
        minRows={2}
        value={request}
        error={core['request.request']}
        onChange={(e) => setRequest(e.currentTarget.value)}
      />
    </WriteModal>
  )
}

const DECISIONS = DataRequestOutcome.exclude(['pending'])

function DecideRequestModal({
  file,
  request,
  onClose,
}: {
  file: CaseFile
  request: DataRequest
  onClose: () => void
}) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const messages = useFieldMessages()
  const decide = useCaseWrite(file, 'dataRequests.decide')
  const [outcome, setOutcome] = useState<string | null>('granted')
  const [decidedAt, setDecidedAt] = useState(todayInChina())
  const [response, setResponse] = useState('')
  const core = messages.fromCore(decide.error)
  const parsed = DECISIONS.safeParse(outcome)
  const needsReason = parsed.success && parsed.data !== 'granted'
  const ready =
    parsed.success &&
    IsoDate.safeParse(decidedAt).success &&
    (!needsReason || response.trim() !== '')
  const submit = () => {
    if (!parsed.success) return
    decide.mutate(
      {
        decision: {
          requestId: request.id,
          outcome: parsed.data,
          decidedAt,
          response: response.trim(),
        },
      },
      { onSuccess: onClose },
    )
  }
  return (
    <WriteModal
      file={file}
      title={t('privacy.requests.decide')}
      mutation={decide}
      ready={ready}
      submitLabel={t('common.save')}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text size="sm">{request.request}</Text>
      <Select
        label={t('privacy.requests.outcome')}
        required
        data={options(DECISIONS.options, 'privacy.requests.outcomeLabel')}
        value={outcome}
        onChange={setOutcome}
      />
      <TextInput
        type="date"
        label={t('privacy.requests.decidedAt')}
        required
        value={decidedAt}
        error={core['decision.decidedAt']}
        onChange={(e) => setDecidedAt(e.currentTarget.value)}
      />
      <Textarea
        label={t('privacy.requests.response')}
        required={needsReason}
        autosize
        minRows={2}
        value={response}
        error={core['decision.response']}
        onChange={(e) => setResponse(e.currentTarget.value)}
      />
    </WriteModal>
  )
}
