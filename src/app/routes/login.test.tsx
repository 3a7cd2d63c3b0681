import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { server } from '../../../mocks/hosts/node'
import { SIGN_OUT_REASONS } from '../../auth'
import { createTab, DEMO } from '../../test/auth-harness'
import { providersHandler } from '../../test/provider-configs'
import { renderApp } from '../../test/render-app'

const loginPage = (state: unknown = null) =>
  renderApp({ pathname: '/login', state }, createTab().session)

/** The bodies of the sign-in requests this test sends; the real handler still answers. */
function recordLogins() {
  const bodies: unknown[] = []
  server.use(
    http.post('/api/auth/login', async ({ request }) => {
      bodies.push(await request.clone().json())
    }),
  )
  return bodies
}

async function signInAs(user: ReturnType<typeof loginPage>['user'], password = DEMO.password) {
  await user.clear(await screen.findByLabelText('Username'))
  await user.type(screen.getByLabelText('Username'), DEMO.username)
  await user.clear(screen.getByLabelText('Password'))
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
}

afterEach(() => {
  localStorage.clear()
  document.documentElement.lang = ''
})

describe('the sign-in page', { timeout: 20_000 }, () => {
  it.each([
    ['expired', 'Your session expired. Please sign in again.'],
    ['revoked', 'You were signed out from another device.'],
    [
      'password_changed',
      'Your password was changed on another device. Sign in with your new password.',
    ],
    ['reused', 'For your security you were signed out: your sign-in was used somewhere else.'],
    ['other-tab', 'You signed out in another tab.'],
    ['ended', 'Your session has ended. Please sign in again.'],
    [
      'bad-response',
      'The server answered in a way Reel does not understand, so you were signed out. Please sign in again.',
    ],
  ] as const)('says why a session ended (%s) in a status message', async (reason, message) => {
    loginPage({ from: '/watchlist', endedBecause: reason })
    expect(await screen.findByText(message)).toHaveAttribute('role', 'status')
  })

  it('tells how the last attempt ended once, and keeps where to go after a reload', async () => {
    const tab = createTab()
    const { router, unmount, user } = renderApp(
      {
        pathname: '/login',
        state: {
          from: '/watchlist',
          endedBecause: 'revoked',
          socialSignInFailure: { reason: 'cancelled', provider: 'kakao' },
        },
      },
      tab.session,
    )
    expect(await screen.findByText('Sign-in with Kakao was cancelled.')).toHaveAttribute(
      'role',
      'alert',
    )
    expect(screen.getByText('You were signed out from another device.')).toBeVisible()
    // The entry keeps where to go; a reload reads no news from it.
    await waitFor(() => expect(router.state.location.state).toEqual({ from: '/watchlist' }))
    expect(screen.getByText('Sign-in with Kakao was cancelled.')).toBeVisible()
    unmount()

    renderApp(router.state.location, tab.session)
    expect(await screen.findByLabelText('Username')).toBeVisible()
    expect(screen.queryByText('Sign-in with Kakao was cancelled.')).toBeNull()
    expect(screen.queryByText('You were signed out from another device.')).toBeNull()
    await signInAs(user)
    expect(await screen.findByRole('heading', { level: 1, name: 'Watchlist' })).toBeVisible()
  })

  it('shows the demo accounts only once the form is there, so nothing moves under them', async () => {
    let answer: () => void = () => undefined
    const answered = new Promise<void>((resolve) => (answer = resolve))
    server.use(
      http.post('/api/auth/refresh', async () => {
        await answered
        return HttpResponse.json(
          { type: 'about:blank', title: 'No session', status: 401, code: 'refresh_missing' },
          { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
        )
      }),
    )
    const { queryClient } = loginPage()
    // The list of providers has arrived: only the session is still being checked.
    await waitFor(() =>
      expect(queryClient.getQueryState(['auth', 'providers'])?.status).toBe('success'),
    )
    expect(screen.getByText('Checking your session…')).toBeVisible()
    expect(screen.queryByText('Demo accounts (mock backend):')).toBeNull()

    answer()
    expect(await screen.findByText('Demo accounts (mock backend):')).toBeVisible()
    expect(screen.getByLabelText('Username')).toBeVisible()
  })

  it('says nothing after a plain sign-out, and has a message for every other reason', async () => {
    expect(SIGN_OUT_REASONS).toHaveLength(8)
    loginPage({ from: '/movies', endedBecause: 'user' })
    const status = (await screen.findByRole('heading', { name: 'Sign in to Reel' }))
      .closest('section')
      ?.querySelector('[role="status"]')
    expect(status).toHaveTextContent(/^$/)
  })

  it('follows a Korean browser preference and words everything in Korean', async () => {
    localStorage.setItem('reel.language', 'ko')
    loginPage({ from: '/movies', endedBecause: 'revoked' })

    expect(await screen.findByRole('heading', { name: 'Reel 로그인' })).toBeVisible()
    expect(screen.getByText('다른 기기에서 로그아웃됐어요.')).toHaveAttribute('role', 'status')
    expect(await screen.findByLabelText('아이디')).toBeVisible()
    expect(screen.getByRole('checkbox', { name: '로그인 상태 유지' })).toBeChecked()
    expect(await screen.findByRole('button', { name: '카카오 로그인' })).toBeVisible()
    expect(screen.getByRole('button', { name: '네이버 로그인' })).toBeVisible()
    expect(document.documentElement.lang).toBe('ko')
  })

  it('changes language from the Language select, remembers it, and sets <html lang>', async () => {
    const { user } = loginPage()
    await user.selectOptions(await screen.findByLabelText('Language'), '한국어')

    expect(screen.getByRole('heading', { name: 'Reel 로그인' })).toBeVisible()
    expect(screen.getByLabelText('언어')).toHaveValue('ko')
    expect(localStorage.getItem('reel.language')).toBe('ko')
    expect(document.documentElement.lang).toBe('ko')
    expect(document.title).toBe('로그인 · Reel')
  })

  it('keeps the user signed in by default: the box is ticked and sign-in sends remember: true', async () => {
    const bodies = recordLogins()
    const { user, router } = loginPage()
    expect(await screen.findByRole('checkbox', { name: 'Keep me signed in' })).toBeChecked()
    await signInAs(user)
    await waitFor(() => expect(router.state.location.pathname).toBe('/movies'))
    expect(bodies).toEqual([{ ...DEMO, remember: true }])
  })

  it('sends remember: false when "Keep me signed in" is unticked', async () => {
    const bodies = recordLogins()
    const { user, router } = loginPage()
    await user.click(await screen.findByRole('checkbox', { name: 'Keep me signed in' }))
    await signInAs(user)
    await waitFor(() => expect(router.state.location.pathname).toBe('/movies'))
    expect(bodies).toEqual([{ ...DEMO, remember: false }])
  })

  it('words a refusal from its code, never the server’s English title', async () => {
    const { user } = loginPage()
    await signInAs(user, 'wrong-password-1')
    expect(await screen.findByText('The username or password is incorrect.')).toHaveAttribute(
      'role',
      'alert',
    )

    server.use(
      http.post('/api/auth/login', () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Server words', status: 400, code: 'brand_new_code' },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    )
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('Something went wrong. Please try again.')).toBeVisible()
    expect(screen.queryByText('Server words')).not.toBeInTheDocument()
  })

  it('shows a button only for the providers the backend lists, worded per brand', async () => {
    server.use(providersHandler(['kakao']))
    loginPage()
    expect(await screen.findByRole('button', { name: 'Login with Kakao' })).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Sign in with Google' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Log in with NAVER' })).not.toBeInTheDocument()
  })

  it.each([
    ['answers 404', () => new HttpResponse(null, { status: 404 })],
    ['answers 501', () => new HttpResponse(null, { status: 501 })],
    ['fails on the network', () => HttpResponse.error()],
    ['lists none', () => HttpResponse.json([])],
    ['answers nonsense', () => HttpResponse.json({ providers: 'all' })],
  ])('shows no social section when the backend %s', async (_, answer) => {
    let asked = false
    server.use(
      http.get('/api/auth/providers', () => {
        asked = true
        return answer()
      }),
    )
    loginPage()
    const form = (await screen.findByLabelText('Username')).closest('section')
    await waitFor(() => expect(asked).toBe(true))
    expect(within(form as HTMLElement).queryByText('or')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Kakao|Google|NAVER/ })).not.toBeInTheDocument()
  })

  it('tells a person whose sign-out could not reach the server that this device is signed out', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    server.use(http.post('/api/auth/logout', () => HttpResponse.error()))
    await session.signOut()
    expect(session.getState()).toMatchObject({ phase: 'signed-out', logoutPending: true })
    renderApp({ pathname: '/login', state: { from: '/movies', endedBecause: 'user' } }, session)

    expect(
      await screen.findByText(
        'You are signed out on this device. The server will be told when it can be reached.',
      ),
    ).toHaveAttribute('role', 'status')
  })

  it('signs in anew when a signed-in person came to renew, and returns where they were', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const { user, router } = renderApp(
      { pathname: '/login', state: { from: '/devices', endedBecause: null, renew: true } },
      session,
    )
    expect(await screen.findByRole('heading', { name: 'Sign in again' })).toBeVisible()
    await signInAs(user)
    await waitFor(() => expect(router.state.location.pathname).toBe('/devices'))
  })

  describe('with a provider sign-in to link', () => {
    const linkPage = () =>
      loginPage({
        pendingLink: { linkToken: 'lt_from_the_409', provider: 'naver' },
        from: '/devices',
        endedBecause: null,
      })

    it('says an account has this email, and sends the link token with the sign-in', async () => {
      const bodies = recordLogins()
      const { user, router } = linkPage()

      expect(
        await screen.findByText(
          'An account with this email already exists. Sign in to it to link Naver.',
        ),
      ).toHaveAttribute('role', 'status')
      await signInAs(user, 'wrong-password-1')
      await screen.findByText('The username or password is incorrect.')
      await signInAs(user)

      await waitFor(() => expect(bodies).toHaveLength(2))
      expect(bodies).toEqual([
        { ...DEMO, password: 'wrong-password-1', remember: true, linkToken: 'lt_from_the_409' },
        { ...DEMO, remember: true, linkToken: 'lt_from_the_409' },
      ])
      // The mock knows no such token: link_invalid, and the page lets the person sign in plainly.
      await screen.findByText(
        'The link to your other sign-in has expired or was already used. Sign in again to continue.',
      )
      expect(router.state.location.state).toEqual({ from: '/devices' })
      // The router has already dropped the token; the page renders that a moment later.
      await waitFor(() => expect(screen.queryByText(/already exists/)).toBeNull())

      await signInAs(user)

      await waitFor(() => expect(router.state.location.pathname).toBe('/devices'))
      expect(bodies[2]).toEqual({ ...DEMO, remember: true })
    })

    it('says it in Korean on a Korean page', async () => {
      localStorage.setItem('reel.language', 'ko')
      linkPage()
      expect(
        await screen.findByText(
          '이 이메일로 된 계정이 이미 있어요. 그 계정으로 로그인하면 네이버 계정이 연결돼요.',
        ),
      ).toBeVisible()
    })
  })
})
