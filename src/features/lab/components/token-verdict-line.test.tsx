import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { I18nProvider } from '../../../i18n/i18n-provider'
import { TokenVerdictLine } from './token-verdict-line'

describe('the token verdict line', () => {
  it('words an access-token refusal in the page’s language beside its code', () => {
    const { container } = render(
      <I18nProvider locale="ko">
        <TokenVerdictLine verdict={{ status: 401, code: 'token_expired' }} label="위조 토큰" />
      </I18nProvider>,
    )

    expect(container).toHaveTextContent('위조 토큰: 401 token_expired (로그인이 만료됐어요.)')
  })

  it('shows a code it has no words for as the bare code', () => {
    const { container } = render(
      <I18nProvider locale="en">
        <TokenVerdictLine verdict={{ status: 429, code: 'too_many_attempts' }} label="Forged" />
      </I18nProvider>,
    )

    expect(container).toHaveTextContent(/^Forged: 429 too_many_attempts$/)
  })
})
