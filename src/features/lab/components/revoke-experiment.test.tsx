import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../../../mocks/hosts/node'
import { I18nProvider } from '../../../i18n/i18n-provider'
import { createTab } from '../../../test/auth-harness'
import { RevokeExperiment } from './revoke-experiment'

describe('the revoke experiment', () => {
  it('says in the page’s language that the server lists no current session to revoke', async () => {
    server.use(http.get('/api/auth/sessions', () => HttpResponse.json([])))
    const { session } = createTab()
    const user = userEvent.setup()
    render(
      <I18nProvider locale="ko">
        <QueryClientProvider client={new QueryClient()}>
          <RevokeExperiment session={session} />
        </QueryClientProvider>
      </I18nProvider>,
    )

    await user.click(screen.getByRole('button', { name: '서버에서 폐기' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      '서버에 이 토큰의 현재 세션이 없어요. 다시 로그인한 뒤 시도하세요.',
    )
  })
})
