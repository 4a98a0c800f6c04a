import {
  Alert,
  Button,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { todayInChina } from '../../../shared/domain/iso-date'
import { CaseCategory, CaseCreate } from '../../../shared/schemas/case'
import { ErrorAlert } from '../components/ErrorAlert'
import { useDates } from '../format'
import { navigate, routeHref } from '../frame/pages'
import { useLabel } from '../i18n'
import { useFieldMessages, type FieldErrors } from '../validation'
import { useCaseWorkers, useCreateCase } from './api'
import {
  cleanDetails,
  DETAIL_FIELDS,
  DetailsFields,
  DetailValue,
  type DetailsDraft,
} from './DetailsFields'
import { incidentsOf } from './IncidentLog'
import { FACT_KEYS, FactsFields, type Facts } from './FactsFields'
import { VoteCalculator } from './VoteCalculator'

const STEPS = ['category', 'facts', 'details', 'confirm'] as const

/** Which errors belong to which step: the facts step owns the common fields, not details. */
const ownedBy = (step: number, path: string) =>
  step === 1 ? !path.startsWith('details') : step === 2 ? path.startsWith('details') : true

/**
 * Registering a case (issue 3, item 1): the category first, because it decides what the third
 * step asks. Each step is checked with the contract's own CaseCreate schema, so the core
 * refuses nothing the form accepted; the case number is the core's to assign.
 */
export function NewCaseWizard() {
  const { t } = useTranslation()
  const label = useLabel()
  const dates = useDates()
  const messages = useFieldMessages()
  const workers = useCaseWorkers()
  const create = useCreateCase()
  const [step, setStep] = useState(0)
  const [category, setCategory] = useState<CaseCategory | null>(null)
  const [facts, setFacts] = useState<Facts>({
    source: null,
    summary: '',
    district: null,
    street: '',
    leadMediatorId: null,
    coMediatorIds: [],
    riskLevel: null,
    acceptedAt: todayInChina(),
  })
  const [details, setDetails] = useState<DetailsDraft>({})
  const [errors, setErrors] = useState<FieldErrors>({})

  const payload = () => ({
    ...facts,
    details: category ? cleanDetails(category, details) : undefined,
  })
  const changeFacts = (changes: Partial<Facts>) => {
    setFacts((prev) => ({ ...prev, ...changes }))
    setErrors((prev) =>
      Object.fromEntries(
        Object.entries(prev).filter(
          ([path]) => !Object.hasOwn(changes, path.split('.')[0] ?? path),
        ),
      ),
    )
  }

  /** Errors of the steps up to `upTo`, shown on the step that owns them. */
  const check = (upTo: number): boolean => {
    const result = CaseCreate.safeParse(payload())
    const found = result.success ? {} : messages.fromIssues(result.error.issues)
    const mine = Object.fromEntries(Object.entries(found).filter(([path]) => ownedBy(upTo, path)))
    setErrors(mine)
    return Object.keys(mine).length === 0
  }
  const next = () => {
    if (step === 0 && !category) {
      setErrors({ category: t('validation.required') })
      return
    }
    if (step === 0 || check(step)) setStep(step + 1)
  }
  const submit = () => {
    const result = CaseCreate.safeParse(payload())
    if (!result.success) {
      const found = messages.fromIssues(result.error.issues)
      setErrors(found)
      setStep(Object.keys(found).some((path) => path.startsWith('details')) ? 2 : 1)
      return
    }
    create.mutate(result.data, {
      onSuccess: (created) => {
        notifications.show({
          color: 'teal',
          message: t('wizard.created', { number: created.number }),
        })
        navigate(routeHref('cases', [created.id]))
      },
      onError: (error) => {
        const found = messages.fromCore(error)
        if (Object.keys(found).length > 0) setErrors(found)
      },
    })
  }
  const detailErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([path]) => path.startsWith('details.'))
      .map(([path, message]) => [path.slice('details.'.length), message]),
  )
  const nameOf = (id: string | null) => workers.find((w) => w.id === id)?.displayName ?? ''

  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={2}>{t('wizard.title')}</Title>
        <Button variant="subtle" component="a" href={routeHref('cases')}>
          {t('common.cancel')}
        </Button>
      </Group>
      <Paper withBorder p="lg">
        <Stepper active={step} onStepClick={(index) => index < step && setStep(index)} size="sm">
          {STEPS.map((id, index) => (
            <Stepper.Step key={id} label={t(`wizard.step.${id}`)} allowStepSelect={index < step}>
              <Stack mt="lg">
                {id === 'category' && (
                  <Radio.Group
                    label={t('wizard.chooseCategory')}
                    value={category}
                    error={errors.category}
                    onChange={(value) => {
                      setCategory(CaseCategory.parse(value))
                      setDetails({})
                      setErrors({})
                    }}
                  >
                    <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
                      {CaseCategory.options.map((option) => (
                        <Radio.Card key={option} value={option} p="md" radius="md">
                          <Group wrap="nowrap" align="flex-start">
                            <Radio.Indicator />
                            <div>
                              <Text fw={600}>{t(`workflow.category.${option}`)}</Text>
                              <Text size="sm" c="dimmed">
                                {t(`wizard.categoryHint.${option}`)}
                              </Text>
                            </div>
                          </Group>
                        </Radio.Card>
                      ))}
                    </SimpleGrid>
                  </Radio.Group>
                )}
                {id === 'facts' && (
                  <FactsFields facts={facts} errors={errors} onChange={changeFacts} />
                )}
                {id === 'details' && category && (
                  <>
                    <DetailsFields
                      category={category}
                      values={details}
                      errors={detailErrors}
                      onChange={(key, value) => {
                        setDetails((prev) => ({ ...prev, [key]: value }))
                        setErrors(({ [`details.${key}`]: _, ...rest }) => rest)
                      }}
                    />
                    {category === 'owners' && <VoteCalculator />}
                  </>
                )}
                {id === 'confirm' && category && (
                  <>
                    <Text>{t('wizard.confirmIntro')}</Text>
                    <Table withTableBorder variant="vertical" layout="fixed">
                      <Table.Tbody>
                        <Summary label={t('wizard.field.category')}>
                          {t(`workflow.category.${category}`)}
                        </Summary>
                        {FACT_KEYS.map((key) => (
                          <Summary key={key} label={t(`wizard.field.${key}`)}>
                            {key === 'source' && facts.source
                              ? label(`case.source.${facts.source}`)
                              : key === 'district' && facts.district
                                ? label(`case.district.${facts.district}`)
                                : key === 'riskLevel' && facts.riskLevel
                                  ? label(`case.risk.${facts.riskLevel}`)
                                  : key === 'leadMediatorId'
                                    ? nameOf(facts.leadMediatorId)
                                    : key === 'coMediatorIds'
                                      ? facts.coMediatorIds.map(nameOf).join('、')
                                      : key === 'acceptedAt'
                                        ? dates.date(facts.acceptedAt)
                                        : facts[key]}
                          </Summary>
                        ))}
                        {DETAIL_FIELDS[category].map((spec) => (
                          <Summary key={spec.key} label={label(`caseFields.${spec.key}`)}>
                            <DetailValue spec={spec} value={details[spec.key]} />
                          </Summary>
                        ))}
                        {category === 'family' && (
                          <Summary label={t('caseFields.incidents')}>
                            {incidentsOf(details.incidents)
                              .map((incident) => dates.dateTime(incident.at))
                              .join('、')}
                          </Summary>
                        )}
                      </Table.Tbody>
                    </Table>
                    <ErrorAlert error={create.error} />
                  </>
                )}
              </Stack>
            </Stepper.Step>
          ))}
        </Stepper>
        {Object.keys(errors).length > 0 && step === STEPS.length - 1 && (
          <Alert color="red" variant="light" mt="md">
            {t('wizard.fixErrors')}
          </Alert>
        )}
        <Group justify="space-between" mt="xl">
          <Button variant="default" disabled={step === 0} onClick={() => setStep(step - 1)}>
            {t('common.back')}
          </Button>
          {step < STEPS.length - 1 ? (
            <Button onClick={next}>{t('common.next')}</Button>
          ) : (
            <Button onClick={submit} loading={create.isPending}>
              {t('wizard.create')}
            </Button>
          )}
        </Group>
      </Paper>
    </Stack>
  )
}

function Summary({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={200}>{label}</Table.Th>
      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{children}</Table.Td>
    </Table.Tr>
  )
}
