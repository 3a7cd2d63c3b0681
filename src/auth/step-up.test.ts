import { isAxiosError } from 'axios'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { problem } from '../../mocks/backend/problem'
import { server } from '../../mocks/hosts/node'
import {
  countRequests,
  createTab,
  DEMO,
  expireAccessTokensOnServer,
  holdAtServer,
  promptShown,
} from '../test/auth-harness'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import { GOOD_ASSERTION, STEP_UP_ENDPOINT, stepUpServer } from '../test/step-up-server'
import { createAuthFetch } from './auth-fetch'
import { isAuthError } from './errors'
import type { AuthSession } from './session'
import { isStepUpCancelled, type StepUpPrompt } from './step-up'

const CHANGE = { newPassword: 'a-new-password-1' }

/** Resolves once the session shows no step-up prompt. */
function promptClosed(session: AuthSession): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (session.stepUp.prompt()) return
      unsubscribe()
      resolve()
    }
    const unsubscribe = session.stepUp.subscribe(check)
    check()
  })
}

async function signedInTab(options: Parameters<typeof createTab>[0] = {}) {
  const tab = createTab(options)
  await tab.session.signIn(DEMO)
  return tab
}

/** How many prompts a session opens, counted as they open. */
function countPrompts(session: AuthSession): () => number {
  let opened = 0
  let last: StepUpPrompt | null = null
  session.stepUp.subscribe(() => {
    const prompt = session.stepUp.prompt()
    if (prompt && prompt !== last) opened++
    last = prompt
  })
  return () => opened
}

describe('step-up re-authentication', () => {
  it('asks once for two refused requests, re-authenticates once, and replays each exactly once', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api, emitted } = await signedInTab()
    const sent = countRequests()
    const prompts = countPrompts(session)

    const first = api.post('/me/password', CHANGE)
    const second = api.post('/me/password', CHANGE)
    const prompt = await promptShown(session)
    // Both refusals are in before the user answers: they share the one prompt.
    await emitted('request-queued', 2)
    await prompt.confirm({ password: DEMO.password })

    expect((await first).status).toBe(204)
    expect((await second).status).toBe(204)
    expect(prompts()).toBe(1)
    expect(sent.get('POST /api/auth/reauthenticate')).toBe(1)
    expect(sent.get(`POST ${STEP_UP_ENDPOINT}`)).toBe(4)
    expect(session.stepUp.prompt()).toBeNull()
  })

  it('never refreshes and never ends the session for a step-up refusal', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api, count } = await signedInTab()
    const sent = countRequests()

    const request = api.post('/me/password', CHANGE)
    const prompt = await promptShown(session)
    expect(session.getState().phase).toBe('signed-in')
    await prompt.confirm({ password: DEMO.password })
    await request

    expect(sent.get('POST /api/auth/refresh')).toBeUndefined()
    expect(count('refresh-failed')).toBe(0)
    expect(session.getState().phase).toBe('signed-in')
  })

  it('rejects every waiting request when the user cancels, and sends nothing to re-authenticate', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api, emitted } = await signedInTab()
    const sent = countRequests()

    const results = Promise.allSettled([
      api.post('/me/password', CHANGE),
      api.post('/me/password', CHANGE),
    ])
    const prompt = await promptShown(session)
    await emitted('request-queued', 2) // both refused and waiting
    prompt.cancel()

    for (const result of await results) {
      expect(result.status).toBe('rejected')
      expect(result.status === 'rejected' && isStepUpCancelled(result.reason)).toBe(true)
    }
    expect(sent.get('POST /api/auth/reauthenticate')).toBeUndefined()
    expect(sent.get(`POST ${STEP_UP_ENDPOINT}`)).toBe(2)
    expect(session.stepUp.prompt()).toBeNull()
    expect(session.getState().phase).toBe('signed-in')
  })

  it('returns a second refusal after re-authentication to the caller instead of asking again', async () => {
    server.use(
      // This endpoint wants more than any sign-in can give.
      http.post(STEP_UP_ENDPOINT, () =>
        problem(401, 'reauthentication_required', 'Confirm it is you.'),
      ),
      ...stepUpServer().handlers,
    )
    const { session, api } = await signedInTab()
    const sent = countRequests()
    const prompts = countPrompts(session)

    const request = api.post('/me/password', CHANGE)
    await (await promptShown(session)).confirm({ password: DEMO.password })
    const error: unknown = await request.catch((caught: unknown) => caught)

    expect(isAxiosError(error) && error.response?.status).toBe(401)
    expect(prompts()).toBe(1)
    expect(session.stepUp.prompt()).toBeNull()
    expect(sent.get(`POST ${STEP_UP_ENDPOINT}`)).toBe(2)
  })

  it('keeps the prompt open on a wrong password, then accepts the right one', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = await signedInTab()

    const request = api.post('/me/password', CHANGE)
    const prompt = await promptShown(session)
    const wrong: unknown = await prompt.confirm({ password: 'not-it' }).catch((e: unknown) => e)

    expect(isAuthError(wrong) && [wrong.kind, wrong.code, wrong.status]).toEqual([
      'rejected',
      'invalid_credentials',
      401,
    ])
    expect(session.stepUp.prompt()).toBe(prompt)
    await prompt.confirm({ password: DEMO.password })
    expect((await request).status).toBe(204)
  })

  it('gives the throttling answer with its wait to the prompt', async () => {
    server.use(
      http.post('/api/auth/reauthenticate', () =>
        problem(429, 'too_many_attempts', 'Too many attempts.', {
          headers: { 'Retry-After': '30' },
        }),
      ),
      ...stepUpServer().handlers,
    )
    const { session, api } = await signedInTab()

    const request = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    const prompt = await promptShown(session)
    const error: unknown = await prompt.confirm({ password: DEMO.password }).catch((e) => e)

    expect(isAuthError(error) && [error.status, error.retryAfterSec]).toEqual([429, 30])
    expect(session.stepUp.prompt()).toBe(prompt)
    prompt.cancel()
    expect(isStepUpCancelled(await request)).toBe(true)
  })

  it('accepts a passkey assertion as the proof', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = await signedInTab()

    const request = api.post('/me/password', CHANGE)
    await (await promptShown(session)).confirm({ credential: GOOD_ASSERTION })

    expect((await request).status).toBe(204)
  })

  it('shares one prompt between axios and authFetch, and replays the fetch once', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = await signedInTab()
    const authFetch = createAuthFetch(session)
    const sent = countRequests()
    const prompts = countPrompts(session)

    const viaAxios = api.post('/me/password', CHANGE)
    const viaFetch = authFetch(new URL(STEP_UP_ENDPOINT, location.href), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      body: JSON.stringify(CHANGE),
    })
    const prompt = await promptShown(session)
    await expect.poll(() => sent.get(`POST ${STEP_UP_ENDPOINT}`)).toBe(2)
    await prompt.confirm({ password: DEMO.password })

    expect((await viaAxios).status).toBe(204)
    expect((await viaFetch).status).toBe(204)
    expect(prompts()).toBe(1)
    expect(sent.get(`POST ${STEP_UP_ENDPOINT}`)).toBe(4)
    expect(sent.get('POST /api/auth/refresh')).toBeUndefined()
  })

  it('resumes a tab on the token another tab re-authenticated for, closing its prompt', async () => {
    server.use(...stepUpServer().handlers)
    const tabs = createFakeTabsEnvironment()
    const a = await signedInTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    await b.session.restore() // takes the session from the cookie, as a second tab does
    const sent = countRequests()

    const inA = a.api.post('/me/password', CHANGE)
    const inB = b.api.post('/me/password', CHANGE)
    const promptInA = await promptShown(a.session)
    await promptShown(b.session)
    await promptInA.confirm({ password: DEMO.password })

    await promptClosed(b.session)
    expect((await inA).status).toBe(204)
    expect((await inB).status).toBe(204)
    expect(sent.get('POST /api/auth/reauthenticate')).toBe(1)
    expect(sent.get('POST /api/auth/refresh')).toBeUndefined()
  })

  it('replays without asking a request refused for a token older than a stepped-up one', async () => {
    const hold = holdAtServer()
    server.use(
      // The first request is held at the server until the other tab has re-authenticated.
      http.post(
        STEP_UP_ENDPOINT,
        async () => {
          await hold.held()
          return problem(401, 'reauthentication_required', 'Confirm it is you.')
        },
        { once: true },
      ),
      ...stepUpServer().handlers,
    )
    const tabs = createFakeTabsEnvironment()
    const a = await signedInTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    await b.session.restore()
    const tokenOfB = b.session.accessToken()
    const prompts = countPrompts(b.session)

    const inB = b.api.post('/me/password', CHANGE)
    await hold.arrived
    const inA = a.api.post('/me/password', CHANGE)
    await (await promptShown(a.session)).confirm({ password: DEMO.password })
    await inA
    await expect.poll(() => b.session.accessToken()).not.toBe(tokenOfB)
    hold.release()

    expect((await inB).status).toBe(204)
    expect(prompts()).toBe(0)
    expect(b.events.find((e) => e.type === 'request-replayed')).toMatchObject({
      why: 'newer-token',
    })
  })

  it('signs out the other devices with its own access token, and stays signed in here', async () => {
    const { session } = await signedInTab()

    await expect(session.signOutOthers()).resolves.toBeUndefined()

    expect(session.getState().phase).toBe('signed-in')
  })

  it('asks before signing out other devices when the server wants a fresh sign-in', async () => {
    let fresh = false
    server.use(
      http.post('/api/auth/logout-others', () =>
        fresh
          ? new Response(null, { status: 204 })
          : problem(401, 'reauthentication_required', 'Confirm it is you.'),
      ),
      // Passes through to the re-authentication below once it has been seen.
      http.post('/api/auth/reauthenticate', () => {
        fresh = true
      }),
      ...stepUpServer().handlers,
    )
    const { session } = await signedInTab()

    const signingOut = session.signOutOthers()
    await (await promptShown(session)).confirm({ password: DEMO.password })

    await expect(signingOut).resolves.toBeUndefined()
    expect(session.getState().phase).toBe('signed-in')
  })

  it('refreshes a token the server finds expired, then asks, before signing out other devices', async () => {
    const { session } = await signedInTab()
    const sent = countRequests()
    // The server's clock is past the token this tab still thinks good, and past the 5 minutes
    // after which the sign-in is too old for the action.
    expireAccessTokensOnServer()

    const signingOut = session.signOutOthers()
    // An action that gives up instead of asking fails here at once, with the server's answer.
    const prompt = await Promise.race([promptShown(session), signingOut.then(() => null)])
    await prompt?.confirm({ password: DEMO.password })

    await expect(signingOut).resolves.toBeUndefined()
    expect(session.getState().phase).toBe('signed-in')
    expect(sent.get('POST /api/auth/refresh')).toBe(1)
    expect(sent.get('POST /api/auth/reauthenticate')).toBe(1)
    // Refused for the token, refused for the old sign-in, then done.
    expect(sent.get('POST /api/auth/logout-others')).toBe(3)
  })

  it('rejects the waiting requests when the session ends while the prompt is open', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = await signedInTab()

    const request = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    await promptShown(session)
    await session.signOut()

    const error = await request
    expect(isAuthError(error) && error.kind).toBe('session_ended')
    expect(session.stepUp.prompt()).toBeNull()
  })

  it('rejects a cancelled request with an error that names the cancellation', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = await signedInTab()

    const request = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    ;(await promptShown(session)).cancel()

    const error = await request
    expect(isStepUpCancelled(error) && [error.name, error.code, error.message]).toEqual([
      'StepUpCancelledError',
      'step_up_cancelled',
      'Re-authentication was cancelled.',
    ])
  })

  it('asks again when the stepped-up token itself is refused for an old sign-in', async () => {
    server.use(
      http.post(STEP_UP_ENDPOINT, () =>
        problem(401, 'reauthentication_required', 'Confirm it is you.'),
      ),
      ...stepUpServer().handlers,
    )
    const { session, api } = await signedInTab()
    const first = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    const earlier = await promptShown(session)
    await earlier.confirm({ password: DEMO.password })
    await first

    const second = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    const later = await Promise.race([promptShown(session), second.then(() => null)])

    expect(later).not.toBeNull()
    expect(later?.id).not.toBe(earlier.id)
    later?.cancel()
    expect(isStepUpCancelled(await second)).toBe(true)
  })

  it('leaves the open prompt alone when an earlier, answered prompt is cancelled', async () => {
    server.use(
      http.post(STEP_UP_ENDPOINT, () =>
        problem(401, 'reauthentication_required', 'Confirm it is you.'),
      ),
      ...stepUpServer().handlers,
    )
    const { session, api } = await signedInTab()
    const first = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    const earlier = await promptShown(session)
    await earlier.confirm({ password: DEMO.password })
    await first
    const second = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    const later = await promptShown(session)

    earlier.cancel()

    expect(session.stepUp.prompt()).toBe(later)
    later.cancel()
    expect(isStepUpCancelled(await second)).toBe(true)
  })

  it('tells a listener nothing more once it has unsubscribed', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = await signedInTab()
    let told = 0
    const unsubscribe = session.stepUp.subscribe(() => told++)
    unsubscribe()

    const request = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    ;(await promptShown(session)).cancel()
    await request

    expect(told).toBe(0)
  })

  it('calls a step-up endpoint again with the token another request stepped up meanwhile', async () => {
    const hold = holdAtServer()
    const authorizations: string[] = []
    server.use(
      // The first call is held at the server until a request elsewhere has re-authenticated.
      http.post('/api/auth/logout-others', async ({ request }) => {
        authorizations.push(request.headers.get('Authorization') ?? '')
        if (authorizations.length > 1) return new Response(null, { status: 204 })
        await hold.held()
        return problem(401, 'reauthentication_required', 'Confirm it is you.')
      }),
      ...stepUpServer().handlers,
    )
    const { session, api } = await signedInTab()
    const sent = countRequests()
    const prompts = countPrompts(session)
    const tokenBefore = session.accessToken()?.value

    const signingOut = session.signOutOthers()
    await hold.arrived
    const change = api.post('/me/password', CHANGE)
    await (await promptShown(session)).confirm({ password: DEMO.password })
    expect((await change).status).toBe(204)
    hold.release()

    await expect(signingOut).resolves.toBeUndefined()
    const stepped = session.accessToken()?.value
    expect(stepped).not.toBe(tokenBefore)
    expect(authorizations).toEqual([`Bearer ${tokenBefore}`, `Bearer ${stepped}`])
    expect(prompts()).toBe(1)
    expect(sent.get('POST /api/auth/refresh')).toBeUndefined()
  })

  it('gives up at once on a step-up call whose refusal asks for nothing the session can give', async () => {
    server.use(
      http.post('/api/auth/logout-others', () =>
        problem(500, 'server_error', 'Something went wrong on our side.'),
      ),
    )
    const { session } = await signedInTab()
    const sent = countRequests()

    const error: unknown = await session.signOutOthers().catch((e: unknown) => e)

    expect(isAuthError(error) && [error.kind, error.status]).toEqual(['transient', 500])
    expect(sent.get('POST /api/auth/logout-others')).toBe(1)
    expect(sent.get('POST /api/auth/refresh')).toBeUndefined()
    expect(session.getState().phase).toBe('signed-in')
  })
})
