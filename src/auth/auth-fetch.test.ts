import axios from 'axios'
import { http } from 'msw'
import { describe, expect, it, vi, type Mock } from 'vitest'
import { db } from '../../mocks/backend/db'
import { server } from '../../mocks/hosts/node'
import {
  createTab,
  DEMO,
  expireAccessTokensOnServer,
  manualClock,
  promptShown,
} from '../test/auth-harness'
import { stepUpServer } from '../test/step-up-server'
import type { AuthEvent } from './events'
import { createAuthHttp, postLogoutAll } from './auth-api'
import { createAuthFetch } from './auth-fetch'
import { isAuthError } from './errors'

/** A 401 problem with `code`, as the API refuses a request. */
const refusedWith = (code: string) =>
  new Response(JSON.stringify({ title: 'Refused', status: 401, code }), {
    status: 401,
    headers: { 'Content-Type': 'application/problem+json' },
  })

/** The Authorization header of each request `send` was given, in order. */
const authorizationsSent = (send: Mock<typeof fetch>) =>
  send.mock.calls.map(([, init]) => new Headers(init?.headers).get('Authorization'))

describe('where the access token may go', () => {
  it.each([
    ['an absolute URL', 'https://evil.example/api/me'],
    ['a scheme-relative URL', '//evil.example/api/me'],
    ['a URL object', new URL('https://evil.example/api/me')],
    ['a Request', new Request('https://evil.example/api/me')],
    ['another port of this host', `${location.protocol}//${location.hostname}:1/api/me`],
  ])('authFetch refuses %s of another origin and sends nothing', async (_, input) => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const send = vi.fn<typeof fetch>()

    await expect(createAuthFetch(session, send)(input)).rejects.toThrow(/this site only/)
    expect(send).not.toHaveBeenCalled()
  })

  it('authFetch sends a path of this site with the token', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const send = vi.fn<typeof fetch>(() => Promise.resolve(new Response('{}')))

    await createAuthFetch(session, send)('/api/me')

    const headers = new Headers(send.mock.calls[0]?.[1]?.headers)
    expect(headers.get('Authorization')).toBe(`Bearer ${session.accessToken()?.value}`)
  })

  it('authFetch sends no token, not even one the caller set, when nobody is signed in', async () => {
    const { session } = createTab()
    await session.signOut()
    const send = vi.fn<typeof fetch>(() => Promise.resolve(new Response('{}')))

    await createAuthFetch(session, send)('/api/me', { headers: { Authorization: 'Bearer old' } })

    expect(new Headers(send.mock.calls[0]?.[1]?.headers).has('Authorization')).toBe(false)
  })

  it('the auth endpoints client never sends the token to an absolute URL', async () => {
    const http = createAuthHttp()
    const adapter = vi.fn(() => Promise.reject(new Error('not sent')))
    http.defaults.adapter = adapter

    await postLogoutAll(http, 'the-token').catch(() => undefined)
    await http.post('https://evil.example/steal').catch(() => undefined)

    const urls = adapter.mock.calls.map((call: unknown[]) =>
      axios.getUri(call[0] as Parameters<typeof axios.getUri>[0]),
    )
    expect(urls).toEqual(['/api/auth/logout-all', '/api/https://evil.example/steal'])
  })
})

describe("fetch with the session's token", () => {
  it('refreshes first when the server no longer takes the token, then sends the request', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    const authFetch = createAuthFetch(session)

    const response = await authFetch(new URL('/api/me', location.href))

    expect(response.status).toBe(200)
    expect(db.stats.refreshCalls).toBe(1)
    expect(await session.getAccessToken()).toBe(session.accessToken()?.value)
  })
})

describe('a 401 that asks for nothing the session can give', () => {
  it('is returned as it is when its body is not a problem', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const send = vi.fn<typeof fetch>(() => Promise.resolve(new Response('no', { status: 401 })))

    const response = await createAuthFetch(session, send)('/api/me')

    expect(response.status).toBe(401)
    expect(send).toHaveBeenCalledTimes(1)
    expect(db.stats.refreshCalls).toBe(0)
  })
})

describe('how long authFetch waits for a refresh under way', () => {
  /** Signed in on a hand-driven clock, with a refresh the server answers only once told to. */
  async function refreshUnderWay() {
    const time = manualClock()
    const tab = createTab({ clock: time.now, timers: time.timers })
    await tab.session.signIn(DEMO)
    let answer: () => void = () => undefined
    const answered = new Promise<void>((resolve) => (answer = resolve))
    // Waits, then answers nothing itself: the request goes on to the server's own refresh.
    server.use(http.post('/api/auth/refresh', () => answered, { once: true }))
    const refreshed = tab.session.refresh()
    const requestEvents: AuthEvent[] = []
    tab.session.onEvent((event) => {
      if (event.type.startsWith('request-')) requestEvents.push(event)
    })
    const send = vi.fn<typeof fetch>(() => Promise.resolve(new Response('{}')))
    const authFetch = createAuthFetch(tab.session, send)
    const answerRefresh = () => {
      answer()
      return refreshed
    }
    return { ...tab, time, send, authFetch, requestEvents, answerRefresh }
  }

  it('gives up after its timeoutMs with a TimeoutError, sends nothing, and reports a failure', async () => {
    const { time, send, authFetch, requestEvents, answerRefresh } = await refreshUnderWay()

    const fetching = authFetch('/api/me', { timeoutMs: 5_000 })
    time.advance(5_000)

    await expect(fetching).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'The request timed out.',
    })
    expect(send).not.toHaveBeenCalled()
    const request = { method: 'get', url: '/api/me' }
    expect(requestEvents).toEqual([
      expect.objectContaining({ type: 'request-queued', ...request }),
      expect.objectContaining({
        type: 'request-completed',
        ...request,
        status: null,
        replayed: false,
      }),
    ])
    await answerRefresh()
  })

  it('stops waiting when its signal aborts, with an AbortError, and reports no failure', async () => {
    const { send, authFetch, requestEvents, answerRefresh } = await refreshUnderWay()
    const controller = new AbortController()

    const fetching = authFetch('/api/me', { signal: controller.signal })
    controller.abort()

    await expect(fetching).rejects.toMatchObject({
      name: 'AbortError',
      message: 'The request was aborted.',
    })
    expect(send).not.toHaveBeenCalled()
    expect(requestEvents.map((event) => event.type)).toEqual(['request-queued'])
    await answerRefresh()
  })

  it('sends the request with the new token once the refresh is answered', async () => {
    const { session, send, authFetch, answerRefresh } = await refreshUnderWay()

    const fetching = authFetch('/api/me', { timeoutMs: 5_000 })
    await answerRefresh()
    await fetching

    const headers = new Headers(send.mock.calls[0]?.[1]?.headers)
    expect(headers.get('Authorization')).toBe(`Bearer ${session.accessToken()?.value}`)
  })
})

describe('what authFetch reports', () => {
  it('reports its queued, replayed and completed requests as the interceptor does', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const refused = new Response(
      JSON.stringify({ title: 'Expired', status: 401, code: 'token_expired' }),
      {
        status: 401,
        headers: { 'Content-Type': 'application/problem+json' },
      },
    )
    const send = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(refused)
      .mockResolvedValueOnce(new Response('{}'))
    const seen: unknown[] = []
    session.onEvent(({ type, ...event }) => {
      if (type.startsWith('request-')) seen.push({ type, ...event })
    })

    await createAuthFetch(session, send)('/api/me?page=2', { method: 'POST' })

    const request = { method: 'post', url: '/api/me' }
    expect(seen).toEqual([
      expect.objectContaining({ type: 'request-queued', ...request }),
      expect.objectContaining({ type: 'request-replayed', ...request, why: 'after-refresh' }),
      expect.objectContaining({
        type: 'request-completed',
        ...request,
        status: 200,
        replayed: true,
      }),
    ])
  })
})

describe('what authFetch sends', () => {
  it('hands the request to fetch at once, in the same turn, when a token is at hand', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const send = vi.fn<typeof fetch>(() => Promise.resolve(new Response('{}')))

    const fetching = createAuthFetch(session, send)('/api/me')

    expect(send).toHaveBeenCalledOnce()
    await fetching
  })

  it('hands over a response whose body is still streaming, without waiting for its end', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const stream = new TransformStream<Uint8Array, Uint8Array>()
    const send = vi.fn<typeof fetch>(() => Promise.resolve(new Response(stream.readable)))
    let handed: Response | null = null

    void createAuthFetch(session, send)('/api/feed').then((response) => (handed = response))
    try {
      await vi.waitFor(() => expect(handed).not.toBeNull())
      expect(handed).toMatchObject({ status: 200, bodyUsed: false })
    } finally {
      void stream.writable.close()
    }
  })

  it('replays a 401 for a token older than the current one with the current token', async () => {
    const { session, events } = createTab()
    await session.signIn(DEMO)
    const first = session.accessToken()
    let refuse: (response: Response) => void = () => undefined
    const refused = new Promise<Response>((resolve) => (refuse = resolve))
    const send = vi
      .fn<typeof fetch>()
      .mockReturnValueOnce(refused)
      .mockResolvedValueOnce(new Response('{}'))

    const fetching = createAuthFetch(session, send)('/api/me')
    await session.refresh() // the newer token arrives while the old request is out
    refuse(refusedWith('token_expired'))

    expect((await fetching).status).toBe(200)
    expect(authorizationsSent(send)).toEqual([
      `Bearer ${first?.value}`,
      `Bearer ${session.accessToken()?.value}`,
    ])
    expect(db.stats.refreshCalls).toBe(1)
    expect(events.find((e) => e.type === 'request-replayed')).toMatchObject({ why: 'newer-token' })
  })

  it('rejects a 401 for the token with session_ended, and its code, when nobody is signed in', async () => {
    const { session } = createTab()
    await session.signOut()
    const send = vi.fn<typeof fetch>(() => Promise.resolve(refusedWith('token_expired')))

    const error = await createAuthFetch(session, send)('/api/me').catch((e: unknown) => e)

    expect(isAuthError(error) && [error.kind, error.code, error.status]).toEqual([
      'session_ended',
      'token_expired',
      401,
    ])
    expect(send).toHaveBeenCalledOnce()
  })
})

describe('what authFetch reports of each outcome', () => {
  /** The request-completed events of `session`, as [status, replayed]. */
  function outcomes(session: ReturnType<typeof createTab>['session']) {
    const seen: Array<[number | null, boolean]> = []
    session.onEvent((event) => {
      if (event.type === 'request-completed') seen.push([event.status, event.replayed])
    })
    return seen
  }

  it('reports a request that needed no replay as not replayed', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const seen = outcomes(session)
    const send = vi.fn<typeof fetch>(() => Promise.resolve(new Response('{}')))

    await createAuthFetch(session, send)('/api/me')

    expect(seen).toEqual([[200, false]])
  })

  it('reports a request whose replay failed as replayed, without a status', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const seen = outcomes(session)
    const send = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(refusedWith('token_expired'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))

    await expect(createAuthFetch(session, send)('/api/me')).rejects.toThrow('Failed to fetch')

    expect(seen).toEqual([[null, true]])
  })
})

describe('how long authFetch waits after a refusal', () => {
  it('gives up waiting for the refresh its 401 started after its timeoutMs', async () => {
    const time = manualClock()
    const { session, emitted } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)
    let answer = () => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    server.use(http.post('/api/auth/refresh', () => answered, { once: true }))
    const send = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(refusedWith('token_expired'))
      .mockResolvedValueOnce(new Response('{}'))

    const result = createAuthFetch(session, send)('/api/me', { timeoutMs: 5_000 }).catch(
      (error: unknown) => error,
    )
    await emitted('request-queued')
    time.advance(5_000)
    answer()
    const error = await result
    await emitted('refresh-succeeded')

    expect(error).toMatchObject({ name: 'TimeoutError' })
    expect(send).toHaveBeenCalledOnce()
  })

  it('waits for a person to confirm beyond its timeoutMs, then replays after the step-up', async () => {
    server.use(...stepUpServer().handlers)
    const time = manualClock()
    const { session, events } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)
    const send = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(refusedWith('reauthentication_required'))
      .mockResolvedValueOnce(new Response(null, { status: 204 }))

    const fetching = createAuthFetch(session, send)('/api/me/password', {
      method: 'POST',
      timeoutMs: 5_000,
    }).catch((error: unknown) => error)
    const prompt = await promptShown(session)
    time.advance(5_000)
    await prompt.confirm({ password: DEMO.password })

    expect(await fetching).toMatchObject({ status: 204 })
    expect(events.find((e) => e.type === 'request-replayed')).toMatchObject({
      why: 'after-step-up',
    })
  })

  it('stops waiting for a step-up when its signal aborts, with an AbortError', async () => {
    server.use(...stepUpServer().handlers)
    const { session } = createTab()
    await session.signIn(DEMO)
    const controller = new AbortController()
    const send = vi.fn<typeof fetch>(() =>
      Promise.resolve(refusedWith('reauthentication_required')),
    )

    const fetching = createAuthFetch(session, send)('/api/me/password', {
      method: 'POST',
      signal: controller.signal,
    }).catch((error: unknown) => error)
    const prompt = await promptShown(session)
    controller.abort()
    prompt.cancel()

    expect(await fetching).toMatchObject({ name: 'AbortError' })
    expect(send).toHaveBeenCalledOnce()
  })
})
