import { Anchor, Badge, Group, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../components/ErrorAlert'
import { useCase, type CaseFile } from '../cases/api'
import { CategoryBadge, RiskBadge, StageBadge } from '../cases/badges'
import { navigate, routeHref, useRoute } from '../frame/pages'
import { ChecklistTab } from './ChecklistTab'
import { ClocksTab } from './ClocksTab'
import { DocumentsTab } from './DocumentsTab'
import { NextSteps } from './NextSteps'
import { OverviewTab } from './OverviewTab'
import { PartiesTab } from './PartiesTab'
import { StageStepper } from './StageStepper'
import { TimelineTab } from './TimelineTab'
import { DataRequests } from './DataRequests'
import { ReadOnly, ViewNotice } from './ViewNotice'

const TABS = ['overview', 'parties', 'timeline', 'file', 'clocks', 'documents'] as const
type Tab = (typeof TABS)[number]
const isTab = (name: string | null): name is Tab =>
  (TABS as readonly (string | null)[]).includes(name)

/** One case (#/cases/<id>?tab=parties): where it stands, what comes next, and its file. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation()
  const query = useCase(caseId)
  return (
    <Stack>
      <Anchor href={routeHref('cases')} size="sm">
        {t('caseFile.backToList')}
      </Anchor>
      {query.data ? (
        <CaseView file={query.data} />
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Loader aria-label={t('common.loading')} />
      )}
    </Stack>
  )
}

function CaseView({ file }: { file: CaseFile }) {
  const { t } = useTranslation()
  const route = useRoute()
  const requested = route.params.get('tab')
  const tab: Tab = isTab(requested) ? requested : 'overview'
  const overdue = file.clocks.filter((c) => c.status === 'overdue').length
  const readOnly = file.view === 'masked' || file.anonymizedAt !== null
  const selectTab = (next: string | null) => {
    const params = new URLSearchParams(route.params)
    params.set('tab', next ?? 'overview')
    navigate(routeHref('cases', [file.id], params), { replace: true })
  }
  return (
    <>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={2}>{file.number}</Title>
              <Group gap="xs">
                <CategoryBadge category={file.category} />
                <StageBadge stage={file.stage} />
                <RiskBadge risk={file.riskLevel} />
                {overdue > 0 && (
                  <Badge color="red" variant="filled">
                    {t('caseFile.overdueClocks', { count: overdue })}
                  </Badge>
                )}
              </Group>
            </Stack>
            <Stack gap={2} align="flex-end">
              <Text size="sm">
                {t('caseFile.lead')}: <b>{file.leadMediator.displayName}</b>
              </Text>
              {file.coMediators.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t('caseFile.co')}: {file.coMediators.map((m) => m.displayName).join('、')}
                </Text>
              )}
            </Stack>
          </Group>
          <Text size="sm" lineClamp={2} title={file.summary}>
            {file.summary}
          </Text>
          <StageStepper file={file} />
        </Stack>
      </Paper>
      <ViewNotice file={file} />
      {!readOnly && <NextSteps file={file} />}
      <Tabs value={tab} onChange={selectTab} keepMounted={false}>
        <Tabs.List>
          {/* Documents are made by the case team only (documents.* are CASE_WORKERS channels). */}
          {TABS.filter((id) => id !== 'documents' || !readOnly).map((id) => (
            <Tabs.Tab key={id} value={id}>
              {t(`caseFile.tab.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <ReadOnly when={readOnly}>
            <OverviewTab file={file} />
          </ReadOnly>
        </Tabs.Panel>
        <Tabs.Panel value="parties" pt="md">
          <ReadOnly when={readOnly}>
            <Stack gap="xl">
              <PartiesTab file={file} />
              {file.view === 'full' && <DataRequests file={file} />}
            </Stack>
          </ReadOnly>
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <ReadOnly when={readOnly}>
            <TimelineTab file={file} />
          </ReadOnly>
        </Tabs.Panel>
        <Tabs.Panel value="file" pt="md">
          <ReadOnly when={readOnly}>
            <ChecklistTab file={file} />
          </ReadOnly>
        </Tabs.Panel>
        <Tabs.Panel value="clocks" pt="md">
          <ReadOnly when={readOnly}>
            <ClocksTab file={file} />
          </ReadOnly>
        </Tabs.Panel>
        {!readOnly && (
          <Tabs.Panel value="documents" pt="md">
            <DocumentsTab file={file} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  )
}
