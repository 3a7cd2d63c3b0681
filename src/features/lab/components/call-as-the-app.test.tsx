import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { I18nProvider } from '../../../i18n/i18n-provider'
import { createTab } from '../../../test/auth-harness'
import { callAsTheApp, type CallResult } from '../experiments'
import { CallAsTheApp } from './call-as-the-app'

vi.mock('../experiments', () => ({ callAsTheApp: vi.fn() }))

describe('calling /api/me as the app does', () => {
  it('clears the last answer the moment a new call starts, and shows the new one when it comes', async () => {
    const answers: Array<(result: CallResult) => void> = []
    vi.mocked(callAsTheApp).mockImplementation(
      () => new Promise((resolve) => answers.push(resolve)),
    )
    render(
      <I18nProvider locale="en">
        <QueryClientProvider client={new QueryClient()}>
          <CallAsTheApp session={createTab().session} />
        </QueryClientProvider>
      </I18nProvider>,
    )
    const button = screen.getByRole('button', { name: 'Call /api/me as the app does' })
    const refusedAtFirst = /GET \/api\/me → 200: refused at first/

    fireEvent.click(button)
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    answers[0]?.({ status: 200, replayed: true })
    expect(await screen.findByText(refusedAtFirst)).toBeInTheDocument()

    fireEvent.click(button)
    expect(screen.queryByText(refusedAtFirst)).toBeNull()

    await vi.waitFor(() => expect(answers).toHaveLength(2))
    answers[1]?.({ status: 200, replayed: true })
    expect(await screen.findByText(refusedAtFirst)).toBeInTheDocument()
    expect(callAsTheApp).toHaveBeenCalledTimes(2)
  })
})
