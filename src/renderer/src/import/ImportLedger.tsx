import { Alert, Button, Group, Modal, Progress, Stack, Stepper, Table, Text } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChannelOutput } from '../../../shared/contract'
import {
  LEDGER_CHECK_CHUNK,
  LEDGER_EXTENSIONS,
  LEDGER_MAX_BYTES,
  LEDGER_MAX_MB,
  LEDGER_MAX_ROWS,
  type ImportMapping,
  type ImportOpenOutput,
  type ImportProblem,
} from '../../../shared/schemas/ledger-import'
import { ErrorAlert } from '../components/ErrorAlert'
import { call, concord } from '../concord'
import { useLabel } from '../i18n'
import { useSession } from '../status'
import { carryOver, missingFields } from './mapping'
import { MappingStep } from './MappingStep'

/** More problems than this are counted but not listed: the user fixes the file in batches. */
const PROBLEMS_SHOWN = 500

type Check = { checked: number; total: number; problems: ImportProblem[]; done: boolean }

/** 导入台账: the entry point on the case list, for supervisors only (the core enforces it). */
export function ImportLedgerButton() {
  const { t } = useTranslation()
  const { role } = useSession().user
  const [opened, setOpened] = useState(false)
  if (role !== 'supervisor') return null
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('ledgerImport.open')}
      </Button>
      {opened && <ImportLedgerDialog onClose={() => setOpened(false)} />}
    </>
  )
}

/**
 * The import as a stepper: choose a file (the core reads it once and keeps its rows), map the
 * columns, run the dry run in chunks with a progress bar, then commit all rows in one
 * transaction. A corrected file can be chosen again from the dry run; its mapping carries over.
 */
function ImportLedgerDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const label = useLabel()
  const client = useQueryClient()
  const input = useRef<HTMLInputElement>(null)
  const running = useRef(true)
  const [step, setStep] = useState(0)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [tooLarge, setTooLarge] = useState(false)
  const [file, setFile] = useState<{ opened: ImportOpenOutput; mapping: ImportMapping } | null>(
    null,
  )
  const [check, setCheck] = useState<Check | null>(null)
  const [result, setResult] = useState<ChannelOutput<'import.commit'> | null>(null)

  const close = () => {
    running.current = false
    if (!result) void concord().import.discard()
    if (result) void client.invalidateQueries({ queryKey: ['cases'] })
    onClose()
  }

  const choose = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0]
    event.currentTarget.value = ''
    if (!chosen) return
    setError(null)
    setCheck(null)
    setTooLarge(chosen.size > LEDGER_MAX_BYTES)
    if (chosen.size > LEDGER_MAX_BYTES) {
      setStep(0)
      return
    }
    setBusy(t('ledgerImport.file.reading', { name: chosen.name }))
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer())
      const opened = await call(concord().import.open({ fileName: chosen.name, bytes }))
      setFile({ opened, mapping: carryOver(file, opened) })
      setStep(1)
    } catch (cause) {
      setError(cause)
      setStep(0)
    } finally {
      setBusy(null)
    }
  }

  /** The dry run, a chunk per request: the core serves other requests in between. */
  const runCheck = async () => {
    if (!file) return
    setError(null)
    setStep(2)
    const sheet = file.opened.sheets.find((s) => s.name === file.mapping.sheet)
    let state: Check = {
      checked: 0,
      total: sheet?.headerRows.find((h) => h.row === file.mapping.headerRow)?.rowCount ?? 0,
      problems: [],
      done: false,
    }
    setCheck(state)
    try {
      while (running.current) {
        const chunk = await call(
          concord().import.check({
            importId: file.opened.importId,
            mapping: file.mapping,
            offset: state.checked,
            limit: LEDGER_CHECK_CHUNK,
          }),
        )
        state = {
          checked: chunk.checked,
          total: chunk.total,
          problems: [...state.problems, ...chunk.problems],
          done: chunk.checked >= chunk.total,
        }
        setCheck(state)
        if (state.done) break
      }
    } catch (cause) {
      setError(cause)
    }
  }

  const commit = async () => {
    if (!file) return
    setError(null)
    setStep(3)
    setBusy(t('ledgerImport.commit.running', { count: check?.total ?? 0 }))
    try {
      setResult(
        await call(
          concord().import.commit({ importId: file.opened.importId, mapping: file.mapping }),
        ),
      )
      void client.invalidateQueries({ queryKey: ['cases'] })
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(null)
    }
  }

  const saveMapping = async (name: string) => {
    if (!file) return
    try {
      const saved = await call(
        concord().import.saveMapping({
          name,
          importId: file.opened.importId,
          mapping: file.mapping,
        }),
      )
      setFile({ ...file, opened: { ...file.opened, saved } })
    } catch (cause) {
      setError(cause)
      throw cause
    }
  }

  const problemRows = new Set(check?.problems.map((p) => p.row)).size
  const picker = (
    <input
      ref={input}
      type="file"
      hidden
      accept={LEDGER_EXTENSIONS.map((e) => `.${e}`).join(',')}
      data-testid="ledger-input"
      onChange={(event) => void choose(event)}
    />
  )

  return (
    <Modal
      opened
      onClose={close}
      title={t('ledgerImport.title')}
      size="80rem"
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('ledgerImport.cancel') }}
    >
      {picker}
      <Stepper active={step} size="sm" mb="md" allowNextStepsSelect={false}>
        <Stepper.Step label={t('ledgerImport.step.file')} />
        <Stepper.Step label={t('ledgerImport.step.mapping')} />
        <Stepper.Step label={t('ledgerImport.step.check')} />
        <Stepper.Step label={t('ledgerImport.step.commit')} />
      </Stepper>
      <Stack gap="md">
        <ErrorAlert error={error} />
        {tooLarge && (
          <Alert color="red" variant="light" role="alert">
            {t('ledgerImport.file.tooLarge', { maxMb: LEDGER_MAX_MB })}
          </Alert>
        )}
        {busy && (
          <Stack gap={4} data-testid="import-busy">
            <Text size="sm">{busy}</Text>
            <Progress value={100} animated striped aria-label={busy} />
          </Stack>
        )}

        {step === 0 && !busy && (
          <Stack gap="xs">
            <Text size="sm">
              {t('ledgerImport.file.hint', { maxMb: LEDGER_MAX_MB, maxRows: LEDGER_MAX_ROWS })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('ledgerImport.file.template')}
            </Text>
            <Group>
              <Button onClick={() => input.current?.click()}>
                {t('ledgerImport.file.choose')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 1 && file && !busy && (
          <>
            <MappingStep
              opened={file.opened}
              mapping={file.mapping}
              onChange={(mapping) => setFile({ ...file, mapping })}
              onSave={saveMapping}
            />
            <Group justify="space-between">
              <Button variant="default" onClick={() => input.current?.click()}>
                {t('ledgerImport.check.chooseCorrected')}
              </Button>
              <Button
                disabled={missingFields(file.mapping).length > 0}
                onClick={() => void runCheck()}
              >
                {t('ledgerImport.mapping.next')}
              </Button>
            </Group>
          </>
        )}

        {step === 2 && check && !busy && (
          <Stack gap="sm">
            {!check.done && (
              <Stack gap={4}>
                <Text size="sm">
                  {t('ledgerImport.check.running', { checked: check.checked, total: check.total })}
                </Text>
                <Progress
                  value={check.total ? (100 * check.checked) / check.total : 0}
                  aria-label={t('ledgerImport.step.check')}
                />
              </Stack>
            )}
            {check.done && check.problems.length === 0 && (
              <Alert color="green" variant="light" data-testid="import-clean">
                {t('ledgerImport.check.clean', { total: check.total })}
              </Alert>
            )}
            {check.done && check.problems.length > 0 && (
              <Alert color="orange" variant="light" data-testid="import-problems">
                {t('ledgerImport.check.problems', {
                  rows: problemRows,
                  count: check.problems.length,
                })}
              </Alert>
            )}
            {check.problems.length > 0 && (
              <Table.ScrollContainer minWidth={600} maxHeight={360}>
                <Table striped withTableBorder stickyHeader data-testid="import-problem-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('ledgerImport.check.row')}</Table.Th>
                      <Table.Th>{t('ledgerImport.check.field')}</Table.Th>
                      <Table.Th>{t('ledgerImport.check.problem')}</Table.Th>
                      <Table.Th>{t('ledgerImport.check.value')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {check.problems.slice(0, PROBLEMS_SHOWN).map((p, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{p.row}</Table.Td>
                        <Table.Td>{p.field ? label(`ledgerImport.field.${p.field}`) : ''}</Table.Td>
                        <Table.Td>
                          {label(`ledgerImport.problem.${p.rule}`, { otherRow: p.otherRow ?? '' })}
                        </Table.Td>
                        <Table.Td>{p.value ?? ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {check.problems.length > PROBLEMS_SHOWN && (
              <Text size="sm" c="dimmed">
                {t('ledgerImport.check.shown', { shown: PROBLEMS_SHOWN })}
              </Text>
            )}
            <Group justify="space-between">
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>
                  {t('ledgerImport.check.backToMapping')}
                </Button>
                <Button variant="default" onClick={() => input.current?.click()}>
                  {t('ledgerImport.check.chooseCorrected')}
                </Button>
              </Group>
              <Button
                disabled={!check.done || check.problems.length > 0 || check.total === 0}
                onClick={() => void commit()}
              >
                {t('ledgerImport.check.commit', { count: check.total })}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 3 && !busy && (
          <Stack gap="sm">
            {result && (
              <Alert color="green" variant="light" data-testid="import-done">
                {t('ledgerImport.commit.done', { count: result.created })}
              </Alert>
            )}
            <Group justify="flex-end">
              {!result && (
                <Button variant="default" onClick={() => setStep(2)}>
                  {t('ledgerImport.back')}
                </Button>
              )}
              <Button onClick={close}>{t('ledgerImport.commit.close')}</Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Modal>
  )
}
