import { textRedactor, viewParties, type PersonalDataView } from '../../../shared/domain/masking'
import { checkResidentId, type Sex } from '../../../shared/domain/resident-id'
import { PartyRole, type CaseFile, type Party } from '../../../shared/schemas/case'

/**
 * The case as a document may show it: parties through viewParty() in the chosen view, every
 * other text with the parties' names, ID numbers, phones and addresses replaced by what that
 * view shows of them (a mediator's record says "张三丰 said…"), stray ID and phone numbers
 * masked with the same masking functions, and restricted material (caucus notes, accusation
 * files) left out unless the user chose to include it. Document definitions read only this,
 * so none of them can forget a rule.
 */
export interface DocumentCase extends CaseFile {
  documentView: PersonalDataView
  /** Sex and age from the resident ID, read before masking (PML Art. 29 asks for them). */
  personal: ReadonlyMap<string, { sex: Sex; birthDate: string }>
  /** The same replacements applied to anything else a document prints (dialog answers). */
  redact<T>(value: T): T
}

export interface ViewOptions {
  view: PersonalDataView
  includeRestricted: boolean
  /** The pseudonym of a person in the de-identified view: 申请人1, 被申请人2 … */
  pseudonym: (role: string, n: number) => string
  /** What replaces a number the view hides completely. */
  hidden: string
}

/** Keys holding record ids, never personal text, and left alone by the text pass. */
const isIdKey = (key: string) => key === 'id' || /Ids?$/.test(key)

function mapStrings(value: unknown, map: (text: string) => string, key = ''): unknown {
  if (typeof value === 'string') return isIdKey(key) ? value : map(value)
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map, key))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map, k)]))
  }
  return value
}

/** Documents list parties as forms do: applicants, respondents, third parties, then agents. */
const byRole = (a: Party, b: Party) =>
  PartyRole.options.indexOf(a.role) - PartyRole.options.indexOf(b.role)

export function documentCase(caseFile: CaseFile, options: ViewOptions): DocumentCase {
  const { view, includeRestricted, hidden } = options
  const file = { ...caseFile, parties: [...caseFile.parties].sort(byRole) }
  const personal = new Map<string, { sex: Sex; birthDate: string }>()
  for (const party of file.parties) {
    const check = party.idNumber ? checkResidentId(party.idNumber) : null
    if (check?.valid) personal.set(party.id, { sex: check.sex, birthDate: check.birthDate })
  }
  const visible: CaseFile = {
    ...file,
    timeline: file.timeline.filter((entry) => includeRestricted || !entry.restricted),
    attachments: file.attachments.filter((a) => includeRestricted || !a.restricted),
  }
  if (view === 'full') return { ...visible, documentView: view, personal, redact: (v) => v }

  const parties = viewParties(file.parties, view, options.pseudonym)
  const redact = textRedactor(
    file.parties.map((original, i) => ({ original, shown: parties[i] as Party })),
    view,
    hidden,
  )
  const redacted = mapStrings({ ...visible, parties: [] }, redact) as CaseFile
  const households =
    view === 'deidentified'
      ? redacted.households.map((h, i) => ({ ...h, unit: `#${i + 1}` }))
      : redacted.households
  return {
    ...redacted,
    households,
    parties,
    documentView: view,
    personal,
    redact: <T>(value: T) => mapStrings(value, redact) as T,
  }
}
