import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { STEP_UP_MAX_AGE_SEC } from '../../../contract/account'
import { db } from '../../../mocks/backend/db'
import { server } from '../../../mocks/hosts/node'
import { issueAuthorizationCode } from '../../../mocks/providers/authorization-server'
import { createTab, countRequests, DEMO } from '../../test/auth-harness'
import { providerConfig } from '../../test/provider-configs'
import { gate, headerLinkedMethods, renderApp } from '../../test/render-app'
import {
  beginProviderLink,
  beginSocialSignIn,
  callbackUrl,
} from '../../features/social-sign-in/oauth-flow'

const NEW_AT_KAKAO = '2718281828'
/** Kakao's account with demo's email: new to Reel, so its sign-in is `409 account_exists`. */
const DEMO_AT_KAKAO = '3141592653'

/**
 * What the browser holds when Kakao sends it back: this tab's attempt in sessionStorage, and a
 * code the mock provider issued for it with the challenge of that attempt's verifier.
 */
async function returnFromKakao(
  returnTo = '/watchlist',
  subject = NEW_AT_KAKAO,
  begin = () => beginSocialSignIn(providerConfig('kakao'), { returnTo, remember: true }),
) {
  const authorize = new URL(await begin())
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
      phase: 'signed-in',
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
    expect(session.getState().phase).toBe('signed-out')
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
    expect(session.getState()).toMatchObject({ phase: 'signed-out', user: null })
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
    expect(session.getState().phase).toBe('signed-out')
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
      phase: 'signed-in',
      user: { id: 'u_demo', providers: ['password', 'kakao'] },
    })
    expect(db.users.get('u_demo')?.linked).toEqual({ kakao: DEMO_AT_KAKAO })
  })
})

describe('the callback page after linking Kakao from the account page', { timeout: 20_000 }, () => {
  beforeEach(() => sessionStorage.clear())

  const linkingKakao = (subject = DEMO_AT_KAKAO, returnTo = '/account') =>
    returnFromKakao(returnTo, subject, () =>
      beginProviderLink(providerConfig('kakao'), { returnTo }),
    )

  async function signedInAsDemo() {
    const { session } = createTab()
    await session.signIn(DEMO)
    return session
  }

  const providersRegion = () => screen.findByRole('region', { name: 'Linked accounts' })

  /** The account page says why, as an alert, and demo's account is as it was. */
  async function expectRefusal(message: string) {
    expect(await screen.findByText(message)).toHaveAttribute('role', 'alert')
    expect(db.users.get('u_demo')?.linked).toEqual({})
  }

  it('links Kakao to the account and says so on the account page, with Kakao listed', async () => {
    const session = await signedInAsDemo()
    const { path } = await linkingKakao()
    const sent = countRequests()

    const { router } = renderApp(path, session)

    expect(await screen.findByText('Kakao is linked.')).toHaveAttribute('role', 'status')
    expect(router.state.location).toMatchObject({ pathname: '/account', search: '' })
    expect(within(await providersRegion()).getByText('Kakao')).toBeVisible()
    expect(db.users.get('u_demo')?.linked).toEqual({ kakao: DEMO_AT_KAKAO })
    // A link is no sign-in: no code exchange, and the same session.
    expect(sent.get('POST /api/auth/oauth/kakao') ?? 0).toBe(0)
    expect(session.getState().phase).toBe('signed-in')
  })

  it('lists Kakao among the linked methods in the header menu as soon as it is linked', async () => {
    const session = await signedInAsDemo()
    const { path } = await linkingKakao()

    const { user } = renderApp(path, session)

    expect(await screen.findByText('Kakao is linked.')).toBeVisible()
    expect(await headerLinkedMethods(user)).toEqual(['Password', 'Kakao'])
  })

  it('tells the outcome once: not again after a reload or a return by Back', async () => {
    const session = await signedInAsDemo()
    const { path } = await linkingKakao()

    const { router } = renderApp(path, session)

    expect(await screen.findByText('Kakao is linked.')).toHaveAttribute('role', 'status')
    // A reload reads the entry's state again: there is none left to read.
    await waitFor(() => expect(router.state.location.state).toBeNull())
    expect(screen.getByText('Kakao is linked.')).toBeVisible()

    await router.navigate('/movies')
    expect(await screen.findByRole('heading', { level: 1, name: 'Movies' })).toBeVisible()
    await router.navigate(-1)
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'))
    expect(within(await providersRegion()).getByText('Kakao')).toBeVisible()
    expect(screen.queryByText('Kakao is linked.')).not.toBeInTheDocument()
  })

  it('says it is linking Kakao to the account, not signing anyone in, while the link is made', async () => {
    const session = await signedInAsDemo()
    const { path } = await linkingKakao()
    const held = gate()
    server.use(http.post('/api/me/providers/kakao', () => held.opened))

    renderApp(path, session)

    expect(
      await screen.findByRole('heading', { name: 'Linking Kakao to your account…' }),
    ).toBeVisible()
    expect(screen.getByRole('status')).toHaveTextContent('Checking the account to link…')
    expect(document.title).toBe('Linking an account · Reel')
    held.open()
    expect(await screen.findByText('Kakao is linked.')).toHaveAttribute('role', 'status')
  })

  it('asks an old sign-in to confirm once, then sends the unspent code again and links', async () => {
    // The token outlives the moved clock: the only refusal is the step-up one.
    db.config.accessTokenTtlSec = 3600
    const session = await signedInAsDemo()
    db.config.serverClockSkewSec = STEP_UP_MAX_AGE_SEC + 60
    // Issued after the clock moved, the code is fresh on the server's clock.
    const { path } = await linkingKakao()
    const sent = countRequests()

    const { user } = renderApp(path, session)

    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    await user.type(within(dialog).getByLabelText('Password'), DEMO.password)
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }))

    expect(await screen.findByText('Kakao is linked.')).toHaveAttribute('role', 'status')
    expect(sent.get('POST /api/me/providers/kakao')).toBe(2)
    expect(sent.get('POST /api/auth/reauthenticate')).toBe(1)
    expect(db.users.get('u_demo')?.linked).toEqual({ kakao: DEMO_AT_KAKAO })
  })

  it('changes nothing and says so calmly when the person cancels the confirmation', async () => {
    // The token outlives the moved clock: the only refusal is the step-up one.
    db.config.accessTokenTtlSec = 3600
    const session = await signedInAsDemo()
    db.config.serverClockSkewSec = STEP_UP_MAX_AGE_SEC + 60
    const { path } = await linkingKakao()

    const { router, user } = renderApp(path, session)

    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    expect(await screen.findByText('Kakao was not linked. Nothing changed.')).toHaveAttribute(
      'role',
      'status',
    )
    expect(router.state.location.pathname).toBe('/account')
    expect(db.users.get('u_demo')?.linked).toEqual({})
    expect(session.getState().phase).toBe('signed-in')
  })

  it('says the Kakao account belongs to someone else when it does', async () => {
    // 김민준 signs in with Kakao first, which makes a Reel account of their own.
    const { session: theirs } = createTab()
    const first = await returnFromKakao('/movies', NEW_AT_KAKAO)
    const { unmount } = renderApp(first.path, theirs)
    await waitFor(() => expect(theirs.getState().phase).toBe('signed-in'))
    unmount()
    const session = await signedInAsDemo()
    const { path } = await linkingKakao(NEW_AT_KAKAO)

    renderApp(path, session)

    await expectRefusal('This Kakao account already belongs to another Reel account.')
  })

  it('shows the social failure message when the server refuses the code', async () => {
    db.config.accessTokenTtlSec = 3600
    const session = await signedInAsDemo()
    const { path } = await linkingKakao()
    db.config.serverClockSkewSec = 61 // the code has expired at the server; the sign-in has not

    renderApp(path, session)

    await expectRefusal('Sign-in with Kakao could not be completed. Please try again.')
  })

  it('comes back to the account page, changing nothing, when the person cancels at Kakao', async () => {
    const session = await signedInAsDemo()
    const { state } = await linkingKakao()
    const sent = countRequests()

    const { router } = renderApp(`/auth/callback/kakao?error=access_denied&state=${state}`, session)

    expect(await screen.findByText('Kakao was not linked. Nothing changed.')).toBeVisible()
    expect(router.state.location.pathname).toBe('/account')
    expect(sent.get('POST /api/me/providers/kakao') ?? 0).toBe(0)
  })

  it('goes on where the person was going once a link begun at sign-in is made', async () => {
    const session = await signedInAsDemo()
    const { path } = await linkingKakao(DEMO_AT_KAKAO, '/devices')

    const { router } = renderApp(path, session)

    await waitFor(() => expect(router.state.location.pathname).toBe('/devices'))
    expect(db.users.get('u_demo')?.linked).toEqual({ kakao: DEMO_AT_KAKAO })
  })

  it('shows a link begun at sign-in that was not made on the account page, to try again there', async () => {
    const session = await signedInAsDemo()
    const { state } = await linkingKakao(DEMO_AT_KAKAO, '/devices')

    const { router } = renderApp(`/auth/callback/kakao?error=access_denied&state=${state}`, session)

    expect(await screen.findByText('Kakao was not linked. Nothing changed.')).toBeVisible()
    expect(router.state.location.pathname).toBe('/account')
    expect(
      within(await providersRegion()).getByRole('button', { name: 'Link Kakao' }),
    ).toBeVisible()
  })
})
