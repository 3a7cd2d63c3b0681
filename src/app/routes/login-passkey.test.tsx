import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { server } from '../../../mocks/hosts/node'
import { problem } from '../../../mocks/backend/problem'
import { createTab, DEMO } from '../../test/auth-harness'
import { renderApp } from '../../test/render-app'

// jsdom has no WebAuthn: the library stands in for the browser's passkey prompt.
const webauthn = vi.hoisted(() => ({
  browserSupportsWebAuthnAutofill: vi.fn(async () => false),
  startAuthentication: vi.fn(),
  WebAuthnAbortService: { cancelCeremony: vi.fn() },
}))
vi.mock('@simplewebauthn/browser', () => webauthn)

const OPTIONS = {
  challenge: 'c2lnbi1pbi1jaGFsbGVuZ2UtMTIz',
  rpId: 'localhost',
  allowCredentials: [],
}
const ASSERTION = { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: {} }

afterEach(() => vi.clearAllMocks())

describe('passkey sign-in on the sign-in page', { timeout: 20_000 }, () => {
  it('lets the browser offer passkeys on the username field', async () => {
    renderApp('/login', createTab().session)
    expect(await screen.findByRole('textbox', { name: 'Username' })).toHaveAttribute(
      'autocomplete',
      'username webauthn',
    )
  })

  it("sends the passkey's answer and says so when the server refuses it", async () => {
    const sent: unknown[] = []
    server.use(
      http.post('/api/auth/passkey/options', () => HttpResponse.json(OPTIONS)),
      http.post('/api/auth/passkey/login', async ({ request }) => {
        sent.push(await request.json())
        return problem(401, 'passkey_invalid', 'The passkey was not accepted.')
      }),
    )
    webauthn.startAuthentication.mockResolvedValue(ASSERTION)
    const { user } = renderApp('/login', createTab().session)

    await user.click(await screen.findByRole('button', { name: 'Sign in with a passkey' }))

    expect(
      await screen.findByText('That passkey did not sign you in. Try another way.'),
    ).toBeVisible()
    expect(webauthn.startAuthentication).toHaveBeenCalledWith({
      optionsJSON: OPTIONS,
      useBrowserAutofill: false,
    })
    expect(sent).toEqual([{ credential: ASSERTION, remember: true }])
  })

  it('says nothing when the person closes the passkey prompt', async () => {
    server.use(http.post('/api/auth/passkey/options', () => HttpResponse.json(OPTIONS)))
    webauthn.startAuthentication.mockRejectedValue(
      Object.assign(new Error('closed'), { name: 'NotAllowedError' }),
    )
    const { user } = renderApp('/login', createTab().session)

    const button = await screen.findByRole('button', { name: 'Sign in with a passkey' })
    await user.click(button)

    await waitFor(() => expect(button).toBeEnabled())
    expect(webauthn.startAuthentication).toHaveBeenCalledOnce()
    expect(screen.queryByText(/did not sign you in/)).not.toBeInTheDocument()
  })

  it('waits for a passkey from autofill while the page is open, and cancels it on leaving', async () => {
    server.use(http.post('/api/auth/passkey/options', () => HttpResponse.json(OPTIONS)))
    webauthn.browserSupportsWebAuthnAutofill.mockResolvedValue(true)
    webauthn.startAuthentication.mockReturnValue(new Promise(() => {}))
    const { unmount } = renderApp('/login', createTab().session)

    await waitFor(() =>
      expect(webauthn.startAuthentication).toHaveBeenCalledWith({
        optionsJSON: OPTIONS,
        useBrowserAutofill: true,
      }),
    )
    unmount()
    await waitFor(() => expect(webauthn.WebAuthnAbortService.cancelCeremony).toHaveBeenCalled())
  })

  it('is offered beside a pending provider link, and after signing in goes to link it', async () => {
    server.use(
      http.post('/api/auth/passkey/options', () => HttpResponse.json(OPTIONS)),
      // The passkey signs demo in, as the password would.
      http.post('/api/auth/passkey/login', async () => {
        const response = await fetch(new URL('/api/auth/login', location.origin), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
          body: JSON.stringify(DEMO),
        })
        return new HttpResponse(response.body, response)
      }),
    )
    webauthn.startAuthentication.mockResolvedValue(ASSERTION)
    const session = createTab().session
    const { user } = renderApp(
      {
        pathname: '/login',
        state: {
          pendingLink: { linkToken: 'lt_from_the_409', provider: 'naver' },
          from: '/devices',
          endedBecause: null,
        },
      },
      session,
    )
    expect(
      await screen.findByText(
        'After you sign in with a passkey, Naver asks you once more, to link it.',
      ),
    ).toBeVisible()

    await user.click(screen.getByRole('button', { name: 'Sign in with a passkey' }))

    // The link starts as from the account page: an attempt of this tab, to come back to /devices.
    await waitFor(() => expect(sessionStorage.length).toBe(1))
    const attempt = JSON.parse(sessionStorage.getItem(sessionStorage.key(0) ?? '') ?? '{}')
    expect(attempt).toMatchObject({ intent: 'link', provider: 'naver', returnTo: '/devices' })
    expect(session.getState().phase).toBe('signed-in')
  })
})
