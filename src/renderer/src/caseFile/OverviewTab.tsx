import { Button, Fieldset, Group, Stack } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CasePatch } from '../../../shared/schemas/case'
import { useCaseWrite, type CaseFile } from '../cases/api'
import {
  cleanDetails,
  cleanFields,
  DetailsFields,
  FieldGrid,
  PROGRESS_FIELDS,
  type DetailsDraft,
} from '../cases/DetailsFields'
import { FactsFields, type Facts } from '../cases/FactsFields'
import { VoteCalculator } from '../cases/VoteCalculator'
import { useFieldMessages, type FieldErrors } from '../validation'
import { WriteError } from './WriteError'

const factsOf = (file: CaseFile): Facts => ({
  source: file.source,
  summary: file.summary,
  district: file.district,
  street: file.street,
  leadMediatorId: file.leadMediator.id,
  coMediatorIds: file.coMediators.map((m) => m.id),
  riskLevel: file.riskLevel,
  acceptedAt: file.acceptedAt,
})

const withoutPrefix = (errors: FieldErrors, prefix: string): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([path]) => path.startsWith(`${prefix}.`))
      .map(([path, message]) => [path.slice(prefix.length + 1), message]),
  )

/**
 * The case's facts, editable in place. Only what changed is sent; on a conflict the draft
 * stays as typed, so after reloading the user saves it again over the fresh version.
 */
export function OverviewTab({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const messages = useFieldMessages()
  const update = useCaseWrite(file, 'cases.update')
  const [facts, setFacts] = useState(() => factsOf(file))
  const [details, setDetails] = useState<DetailsDraft>(() => ({ ...file.details }))
  const [progress, setProgress] = useState<DetailsDraft>(() => ({ ...file.progress }))
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set())
  const [errors, setErrors] = useState<FieldErrors>({})
  const touch = (section: string) => setDirty((prev) => new Set(prev).add(section))

  const save = () => {
    const original = factsOf(file)
    const patch: Record<string, unknown> = Object.fromEntries(
      Object.entries(facts).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(original[key as keyof Facts]),
      ),
    )
    if (dirty.has('details')) patch.details = cleanDetails(file.category, details)
    // The agreement's content is edited in the 文书 tab; saving dates here must keep it.
    if (dirty.has('progress')) {
      const { agreement } = file.progress
      patch.progress = {
        ...cleanFields(PROGRESS_FIELDS, progress),
        ...(agreement && { agreement }),
      }
    }
    const result = CasePatch.safeParse(patch)
    if (!result.success) {
      setErrors(messages.fromIssues(result.error.issues))
      return
    }
    setErrors({})
    update.mutate(
      { patch: result.data },
      {
        onSuccess: () => {
          setDirty(new Set())
          notifications.show({ color: 'teal', message: t('common.saved') })
        },
        onError: (error) => setErrors(messages.fromCore(error)),
      },
    )
  }

  return (
    <Stack>
      <Fieldset legend={t('caseFile.facts')}>
        <FactsFields
          facts={facts}
          errors={errors}
          onChange={(changes) => {
            setFacts((prev) => ({ ...prev, ...changes }))
            touch('facts')
          }}
        />
      </Fieldset>
      <Fieldset legend={t(`workflow.category.${file.category}`)}>
        <DetailsFields
          category={file.category}
          values={details}
          errors={withoutPrefix(errors, 'details')}
          onChange={(key, value) => {
            setDetails((prev) => ({ ...prev, [key]: value }))
            touch('details')
          }}
        />
      </Fieldset>
      <Fieldset legend={t('caseFile.progress')}>
        <FieldGrid
          specs={PROGRESS_FIELDS}
          values={progress}
          errors={withoutPrefix(errors, 'progress')}
          onChange={(key, value) => {
            setProgress((prev) => ({ ...prev, [key]: value }))
            touch('progress')
          }}
        />
      </Fieldset>
      <WriteError error={update.error} caseId={file.id} onReloaded={update.reset} />
      <Group justify="flex-end">
        <Button onClick={save} disabled={dirty.size === 0} loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      {file.category === 'owners' && <VoteCalculator />}
    </Stack>
  )
}
