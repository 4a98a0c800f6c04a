import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ATTACHMENT_MAX_BYTES } from '../../src/shared/attachments'
import { installFakeConcord, ok, refuse, renderApp, type Handlers } from './harness'
import { caseFile, mediatorSession, USERS } from './cases-fixtures'

function openCase(handlers: Handlers = {}, file = caseFile()) {
  window.location.hash = `#/cases/${file.id}`
  return installFakeConcord({
    'app.status': () => ok(mediatorSession()),
    'app.activity': () => ok(null),
    'users.list': () => ok(USERS),
    'cases.get': () => ok(file),
    ...handlers,
  })
}

const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n调解申请书\n%%EOF\n')

const WITH_FILE = caseFile({
  version: 4,
  attachments: [
    {
      id: 'a1',
      fileName: '调解申请书.pdf',
      mediaType: 'application/pdf',
      size: 1536 * 1024,
      checklistItemId: 'application',
      restricted: false,
      uploadedAt: '2026-11-25T02:30:00.000Z',
      uploaderName: '张丽',
    },
  ],
  checklist: caseFile().checklist.map((item) =>
    item.itemId === 'application' ? { ...item, present: true } : item,
  ),
})

describe('case attachments (卷宗 tab)', () => {
  it('uploads a file for a checklist item with its bytes, and lists it', async () => {
    const core = openCase({ 'attachments.add': () => ok(WITH_FILE) })
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '卷宗' }))
    expect(screen.getByText('尚无附件。')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: '上传“调解申请书／受理登记表”的文件' }))
    const input = screen.getByTestId('attachment-input')
    await user.upload(input, new File([PDF_BYTES], '调解申请书.pdf', { type: 'application/pdf' }))

    await waitFor(() => expect(core.payloadsOf('attachments.add')).toHaveLength(1))
    const [payload] = core.payloadsOf('attachments.add') as {
      bytes: Uint8Array
      [key: string]: unknown
    }[]
    expect(payload).toMatchObject({
      caseId: 'c1',
      version: 3,
      fileName: '调解申请书.pdf',
      checklistItemId: 'application',
    })
    expect(payload?.bytes).toBeInstanceOf(Uint8Array)
    expect([...(payload?.bytes ?? [])]).toEqual([...PDF_BYTES])

    const table = await screen.findByRole('table', { name: '附件' })
    const row = within(table).getByText('调解申请书.pdf').closest('tr') as HTMLElement
    expect(row.textContent).toContain('PDF')
    expect(row.textContent).toContain('1.5 MB')
    expect(row.textContent).toContain('张丽')
    expect(row.textContent).toContain('2026年11月25日 10:30')
  })

  it('refuses a file over the limit before sending it, in the UI language', async () => {
    const core = openCase()
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '卷宗' }))
    const big = new File([PDF_BYTES], '扫描件.pdf', { type: 'application/pdf' })
    Object.defineProperty(big, 'size', { value: ATTACHMENT_MAX_BYTES + 1 })
    await user.upload(screen.getByTestId('attachment-input'), big)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('文件过大：单个附件不能超过 20 MB，未上传。')
    expect(core.payloadsOf('attachments.add')).toEqual([])
  })

  it("shows the core's type refusal", async () => {
    openCase({
      'attachments.add': () => refuse('ATTACHMENT_TYPE', { allowed: 'PDF, JPG' }),
    })
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '卷宗' }))
    await user.upload(
      screen.getByTestId('attachment-input'),
      new File([PDF_BYTES], '照片.png', { type: 'image/png' }),
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('不支持该文件类型，或扩展名与文件内容不符')
    expect(alert.textContent).toContain('PDF, JPG')
  })

  it('removes a file only after confirmation', async () => {
    const core = openCase({ 'attachments.remove': () => ok(caseFile({ version: 5 })) }, WITH_FILE)
    const { user } = renderApp()
    await user.click(await screen.findByRole('tab', { name: '卷宗' }))
    await user.click(screen.getByRole('button', { name: '删除 调解申请书.pdf' }))
    const dialog = await screen.findByRole('dialog', { name: '删除附件' })
    expect(dialog.textContent).toContain('确定删除附件“调解申请书.pdf”？')
    expect(core.payloadsOf('attachments.remove')).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: '确认' }))
    await waitFor(() =>
      expect(core.payloadsOf('attachments.remove')).toEqual([
        { attachmentId: 'a1', caseId: 'c1', version: 4 },
      ]),
    )
  })
})
