import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { http } from 'msw'
import { LAB_LOCKED } from '../../../../contract/lab'
import { db } from '../../../../mocks/backend/db'
import { server } from '../../../../mocks/hosts/node'
import { problem } from '../../../../mocks/backend/problem'
import { I18nProvider } from '../../../i18n/i18n-provider'
import type { Locale } from '../../../i18n/locale'
import { BackendControls } from './backend-controls'

function renderControls(locale: Locale = 'en') {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  const user = userEvent.setup()
  render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={queryClient}>
        <BackendControls />
      </QueryClientProvider>
    </I18nProvider>,
  )
  return { user, queryClient }
}

describe('the backend controls', { timeout: 15_000 }, () => {
  it('shows the server’s settings, each in a labelled control', async () => {
    renderControls()

    expect(await screen.findByLabelText(/Access token lifetime/)).toHaveValue(300)
    expect(screen.getByLabelText(/Server clock skew/)).toHaveValue(0)
    expect(screen.getByLabelText('Refresh failure')).toHaveValue('none')
    expect(screen.getByRole('radio', { name: 'ES256' })).toBeChecked()
    for (const label of [
      /Session lifetime/,
      /Idle timeout/,
      /Reuse grace window/,
      /API latency/,
      /Refresh latency/,
    ]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument()
    }
  })

  it('applies a changed lifetime as soon as the field is left', async () => {
    const { user } = renderControls()
    const ttl = await screen.findByLabelText(/Access token lifetime/)

    await user.clear(ttl)
    await user.type(ttl, '5')
    await user.tab()

    await waitFor(() => expect(db.config.accessTokenTtlSec).toBe(5))
    expect(await screen.findByText('Access token lifetime applied.')).toBeInTheDocument()
    expect(ttl).toHaveValue(5)
  })

  it('switches the refresh failure mode and the signing algorithm at once', async () => {
    const { user } = renderControls()

    await user.selectOptions(await screen.findByLabelText('Refresh failure'), 'network')
    await waitFor(() => expect(db.config.refreshFailure).toBe('network'))

    await user.click(screen.getByRole('radio', { name: 'HS256' }))
    await waitFor(() => expect(db.config.signingAlg).toBe('HS256'))
    expect(screen.getByRole('radio', { name: 'HS256' })).toBeChecked()
  })

  it('says what the server refused, and changes nothing', async () => {
    const { user } = renderControls()
    const grace = await screen.findByLabelText(/Reuse grace window/)

    await user.clear(grace)
    await user.type(grace, '9999')
    await user.tab()

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        /^The server refused the change: refreshReuseGraceSec/,
      ),
    )
    expect(db.config.refreshReuseGraceSec).toBe(0)
  })

  it('says plainly that a public demo’s lab is locked, and changes nothing', async () => {
    server.use(
      http.patch('/api/__lab/config', () =>
        problem(403, LAB_LOCKED, 'The lab of this demo is read-only.'),
      ),
    )
    const { user } = renderControls()

    await user.selectOptions(await screen.findByLabelText('Refresh failure'), 'network')

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        /^This demo’s backend can be watched but not changed from here/,
      ),
    )
    expect(db.config.refreshFailure).toBe('none')
  })

  it('shows the server’s counters and resets the backend', async () => {
    db.config.accessTokenTtlSec = 42
    db.stats.refreshCalls = 7
    const { user } = renderControls()
    const counters = await screen.findByRole('group', { name: /Server counters/ })
    await waitFor(() => expect(counters).toHaveTextContent('Refresh calls7'))

    await user.click(screen.getByRole('button', { name: 'Reset backend' }))

    await waitFor(() => expect(screen.getByLabelText(/Access token lifetime/)).toHaveValue(300))
    expect(db.stats.refreshCalls).toBe(0)
  })
  it('speaks Korean on a Korean page, settings, counters and confirmations alike', async () => {
    db.stats.reuseDetections = 3
    const { user } = renderControls('ko')
    const ttl = await screen.findByLabelText(/액세스 토큰 수명/)
    const counters = screen.getByRole('group', { name: '마지막 초기화 이후 서버 카운터' })
    await waitFor(() => expect(counters).toHaveTextContent('재사용 탐지3'))
    expect(
      screen.getByRole('option', { name: '네트워크 오류 (연결 끊김): 세션 유지, 재시도' }),
    ).toBeInTheDocument()

    await user.clear(ttl)
    await user.type(ttl, '5')
    await user.tab()
    expect(await screen.findByText('액세스 토큰 수명 설정을 적용했어요.')).toBeInTheDocument()

    await user.click(screen.getByRole('radio', { name: 'HS256' }))
    expect(await screen.findByText('HS256 서명 설정을 적용했어요.')).toBeInTheDocument()
    expect(screen.getByText(/서버만 확인할 수 있어요/)).toBeInTheDocument()

    const grace = screen.getByLabelText(/재사용 유예 시간/)
    await user.clear(grace)
    await user.type(grace, '9999')
    await user.tab()
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        /^서버가 변경을 거부했어요: refreshReuseGraceSec/,
      ),
    )
  })
})
