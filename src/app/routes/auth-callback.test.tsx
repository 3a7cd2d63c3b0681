import { screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../../mocks/backend/db'
import { issueAuthorizationCode } from '../../../mocks/providers/authorization-server'
import { createTab, countRequests } from '../../test/auth-harness'
import { providerConfig } from '../../test/provider-configs'
import { renderApp } from '../../test/render-app'
import { beginSocialSignIn, callbackUrl } from '../../features/social-sign-in/oauth-flow'

const NEW_AT_KAKAO = '2718281828'
/** Kakao's account with demo's email: new to Reel, so its sign-in is `409 account_exists`. */
const DEMO_AT_KAKAO = '3141592653'

/**
 * What the browser holds when Kakao sends it back: this tab's attempt in sessionStorage, and a
 * code the mock provider issued for it with the challenge of that attempt's verifier.
 */
async function returnFromKakao(returnTo = '/watchlist', subject = NEW_AT_KAKAO) {
  const authorize = new URL(
    await beginSocialSignIn(providerConfig('kakao'), { returnTo, remember: true }),
  )
  const state = authorize.searchParams.get('state') ?? ''
  const code = await issueAuthorizationCode(
    {
      provider: 'kakao',
      clientId: 'reel',
      redirectUri: callbackUrl('kakao', window.location.origin),
      state,
      codeChallenge: authorize.searchParams.get('code_challenge') ?? '',
      expiresAt: 0,
    },
    subject,
  )
  return { state, code, path: `/auth/callback/kakao?code=${code}&state=${state}` }
}

/** The sign-in page has an alert region of its own (the password form's), empty until used. */
async function expectAlert(message: string) {
  expect(await screen.findByText(message)).toHaveAttribute('role', 'alert')
}

const exchanges = (sent: Map<string, number>) => sent.get('POST /api/auth/oauth/kakao') ?? 0

describe('the social sign-in callback page', () => {
  // jsdom keeps one sessionStorage for the whole file; each test is a fresh tab.
  beforeEach(() => sessionStorage.clear())

  it('exchanges the code, signs in and goes where the person was going, without the code in the address', async () => {
    const { path } = await returnFromKakao('/watchlist')
    const { session } = createTab()

    const { router } = renderApp(path, session)

    await waitFor(() => expect(router.state.location.pathname).toBe('/watchlist'))
    expect(router.state.location.search).toBe('')
    expect(session.getState()).toMatchObject({
      status: 'signed-in',
      user: { displayName: '김민준', providers: ['kakao'] },
    })
    expect(sessionStorage.length).toBe(0)
    expect(await screen.findByLabelText('Signed in with Kakao')).toBeInTheDocument()
  })

  it('removes the code and state from the address before the exchange answers', async () => {
    const { path } = await returnFromKakao()
    const { session } = createTab()

    const { router } = renderApp(path, session)

    await waitFor(() => expect(router.state.location.search).toBe(''))
    expect(router.state.location.pathname).toBe('/auth/callback/kakao')
    expect(screen.getByRole('heading', { name: 'Signing you in with Kakao…' })).toBeVisible()
    expect(document.querySelector('meta[name="referrer"]')?.getAttribute('content')).toBe(
      'no-referrer',
    )
  })

  it('refuses a tampered state before any request and shows why on the sign-in page', async () => {
    const sent = countRequests()
    const { code } = await returnFromKakao()
    const { session } = createTab()

    const { router } = renderApp(`/auth/callback/kakao?code=${code}&state=forged`, session)

    await expectAlert('We could not verify this sign-in with Kakao. Please start again.')
    expect(router.state.location.pathname).toBe('/login')
    expect(exchanges(sent)).toBe(0)
    expect(sessionStorage.length).toBe(0)
    expect(session.getState().status).toBe('signed-out')
  })

  it('says the sign-in was cancelled when the person cancelled at the provider', async () => {
    const { state } = await returnFromKakao()
    const { session } = createTab()

    renderApp(`/auth/callback/kakao?error=access_denied&state=${state}`, session)

    await expectAlert('Sign-in with Kakao was cancelled.')
    expect(await screen.findByRole('button', { name: 'Login with Kakao' })).toBeEnabled()
  })

  it('shows a safe message and signs no one in when the server refuses the code', async () => {
    const { path } = await returnFromKakao()
    db.config.serverClockSkewSec = 61 // the code has expired at the server
    const { session } = createTab()

    const { router } = renderApp(path, session)

    await expectAlert('Sign-in with Kakao could not be completed. Please try again.')
    expect(router.state.location.pathname).toBe('/login')
    expect(session.getState()).toMatchObject({ status: 'signed-out', user: null })
    expect(db.users.get('u_demo')?.linked).toEqual({})
  })

  it('keeps where the person was going after a failure, for the next sign-in', async () => {
    const { state } = await returnFromKakao('/devices')
    const { session } = createTab()

    const { router, user } = renderApp(
      `/auth/callback/kakao?error=access_denied&state=${state}`,
      session,
    )
    await expectAlert('Sign-in with Kakao was cancelled.')

    await user.type(screen.getByLabelText('Username'), 'demo')
    await user.type(screen.getByLabelText('Password'), 'demo-password-1')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/devices'))
  })

  it('brings a person whose provider email is an existing account’s to sign in to it, which links the provider', async () => {
    const { path } = await returnFromKakao('/watchlist', DEMO_AT_KAKAO)
    const { session } = createTab()

    const { router, user } = renderApp(path, session)

    expect(
      await screen.findByText(
        'An account with this email already exists. Sign in to it to link Kakao.',
      ),
    ).toHaveAttribute('role', 'status')
    expect(router.state.location).toMatchObject({ pathname: '/login', search: '' })
    expect(session.getState().status).toBe('signed-out')
    // The link token is a credential: in history state only, never in storage or the address.
    const { linkToken } = (router.state.location.state as { pendingLink: { linkToken: string } })
      .pendingLink
    const stored = [sessionStorage, localStorage].flatMap((storage) =>
      Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`),
    )
    expect(stored.filter((entry) => entry.includes(linkToken))).toEqual([])
    expect(sessionStorage.length).toBe(0)

    await user.type(screen.getByLabelText('Username'), 'demo')
    await user.type(screen.getByLabelText('Password'), 'demo-password-1')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/watchlist'))
    expect(session.getState()).toMatchObject({
      status: 'signed-in',
      user: { id: 'u_demo', providers: ['password', 'kakao'] },
    })
    expect(db.users.get('u_demo')?.linked).toEqual({ kakao: DEMO_AT_KAKAO })
  })
})
