import {
  Alert,
  Badge,
  Fieldset,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Art278Matter, tallyVote, VoteInput } from '../../../shared/domain/vote'
import { useFieldMessages } from '../validation'
import { useEnumOptions } from './options'

type Tally = 'total' | 'participating' | 'yes'
const GROUPS: readonly Tally[] = ['total', 'participating', 'yes']
type Counts = Record<Tally, { area: number | ''; headcount: number | '' }>

/**
 * Civil Code Art. 278 for one estate: is the quorum (2/3 of area and of owners) there, and did
 * the matter pass? A working aid beside the case, not stored with it; the arithmetic is the
 * domain's exact one (areas in hundredths, "more than half" vs "at least").
 */
export function VoteCalculator() {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const messages = useFieldMessages()
  const [matter, setMatter] = useState<Art278Matter>('propertyManager')
  const [counts, setCounts] = useState<Counts>({
    total: { area: '', headcount: '' },
    participating: { area: '', headcount: '' },
    yes: { area: '', headcount: '' },
  })
  const filled = GROUPS.every((g) => counts[g].area !== '' && counts[g].headcount !== '')
  const parsed = filled ? VoteInput.safeParse({ matter, ...counts }) : undefined
  // A successful parse means every count is a number.
  const result = parsed?.success
    ? tallyVote({ matter, ...(counts as Record<Tally, { area: number; headcount: number }>) })
    : undefined
  const problems =
    parsed && !parsed.success ? Object.values(messages.fromIssues(parsed.error.issues)) : []
  const set = (group: Tally, part: 'area' | 'headcount', value: number | string) =>
    setCounts((prev) => ({
      ...prev,
      [group]: { ...prev[group], [part]: typeof value === 'number' ? value : '' },
    }))
  const mark = (met: boolean) => (
    <Badge color={met ? 'teal' : 'red'} variant="light">
      {met ? t('voteCalculator.met') : t('voteCalculator.notMet')}
    </Badge>
  )

  return (
    <Fieldset legend={t('voteCalculator.title')}>
      <Stack gap="sm">
        <Select
          label={t('voteCalculator.matter')}
          data={options(Art278Matter.options, 'vote.matter')}
          value={matter}
          allowDeselect={false}
          onChange={(value) => value && setMatter(Art278Matter.parse(value))}
        />
        <SimpleGrid cols={3} spacing="sm">
          {GROUPS.map((group) => (
            <Stack key={group} gap={4}>
              <Text size="sm" fw={600}>
                {t(`voteCalculator.group.${group}`)}
              </Text>
              <NumberInput
                label={t('voteCalculator.area')}
                aria-label={`${t(`voteCalculator.group.${group}`)} ${t('voteCalculator.area')}`}
                min={0}
                decimalScale={2}
                allowNegative={false}
                value={counts[group].area}
                onChange={(value) => set(group, 'area', value)}
              />
              <NumberInput
                label={t('voteCalculator.headcount')}
                aria-label={`${t(`voteCalculator.group.${group}`)} ${t('voteCalculator.headcount')}`}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                value={counts[group].headcount}
                onChange={(value) => set(group, 'headcount', value)}
              />
            </Stack>
          ))}
        </SimpleGrid>
        {problems.map((problem) => (
          <Text key={problem} c="red.9" size="sm">
            {problem}
          </Text>
        ))}
        {result && (
          <>
            <Table withTableBorder>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th>{t('voteCalculator.quorum')}</Table.Th>
                  <Table.Td>{mark(result.quorum.met)}</Table.Td>
                  <Table.Td>
                    {t('voteCalculator.needed', {
                      area: result.quorum.areaNeeded,
                      headcount: result.quorum.headcountNeeded,
                    })}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t(`vote.rule.${result.rule}`)}</Table.Th>
                  <Table.Td>{mark(result.approval.met)}</Table.Td>
                  <Table.Td>
                    {t('voteCalculator.needed', {
                      area: result.approval.areaNeeded,
                      headcount: result.approval.headcountNeeded,
                    })}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Alert color={result.passed ? 'teal' : 'red'} variant="light">
              {result.passed ? t('voteCalculator.passed') : t('voteCalculator.failed')}
            </Alert>
          </>
        )}
      </Stack>
    </Fieldset>
  )
}
