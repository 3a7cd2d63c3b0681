import axios, { AxiosError, getAdapter, isAxiosError, type AxiosAdapter } from 'axios'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest'
import { REAUTHENTICATION_CHALLENGE } from '../../contract/account'
import { db } from '../../mocks/backend/db'
import { json } from '../../mocks/backend/http-helpers'
import { server } from '../../mocks/hosts/node'
import { problem } from '../../mocks/backend/problem'
import { withAuth } from '../../mocks/backend/with-auth'
import {
  countRequests,
  createTab,
  DEMO,
  expireAccessTokensOnServer,
  manualClock,
  holdAtServer,
  promptShown,
} from '../test/auth-harness'
import { stepUpServer, STEP_UP_ENDPOINT } from '../test/step-up-server'
import { isAuthError } from './errors'
import { installAuthInterceptor } from './interceptor'

/** What the caller learns of a failure: only an `AuthError` says whether to sign in again. */
const kindOf = (error: unknown) => (isAuthError(error) ? error.kind : null)

describe('the auth interceptor', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('answers 50 concurrent requests on an expired token with one refresh and one replay each', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const sent = countRequests()
    expireAccessTokensOnServer()
    const refreshesBefore = db.stats.refreshCalls

    const ids = Array.from({ length: 50 }, (_, i) => `/movies?page=${i + 1}`)
    const results = await Promise.allSettled(ids.map((url) => api.get(url)))

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50)
    expect(db.stats.refreshCalls - refreshesBefore).toBe(1)
    for (const url of ids) expect(sent.get(`GET /api${url}`)).toBeLessThanOrEqual(2)
  })

  it('refreshes once before sending when the token is already known to be expired', async () => {
    const clock = manualClock()
    const { session, api } = createTab({ clock: clock.now })
    await session.signIn(DEMO)
    clock.advance(db.config.accessTokenTtlSec * 1000 + 1)

    await Promise.all(Array.from({ length: 20 }, () => api.get('/me')))

    expect(db.stats.refreshCalls).toBe(1)
    expect(db.stats.rejectedAccessTokens).toBe(0)
  })

  it('lets a 401 that arrives while a refresh is in flight join that refresh', async () => {
    const { session, api, count, events } = createTab()
    await session.signIn(DEMO)
    const hold = holdAtServer()
    server.use(
      http.get(
        '/api/me',
        async () => {
          await hold.held()
          return problem(401, 'token_expired', 'Expired.')
        },
        { once: true },
      ),
    )
    db.config.refreshLatencyMs = 150

    const pending = api.get('/me') // sent with the old token, before any refresh
    await hold.arrived
    const refreshing = session.refresh()
    hold.release() // its 401 arrives while the refresh is still out
    const response = await pending
    await refreshing

    expect(response.status).toBe(200)
    expect(db.stats.refreshCalls).toBe(1)
    expect(events.find((e) => e.type === 'request-replayed')).toMatchObject({
      why: 'after-refresh',
    })
    expect(count('refresh-joined')).toBe(1)
  })

  it('holds a request started during a refresh until the new token arrives, and sends it once', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    db.config.refreshLatencyMs = 150
    const sent = countRequests()

    const refreshing = session.refresh()
    const response = await api.get('/me')
    await refreshing

    expect(response.status).toBe(200)
    expect(sent.get('GET /api/me')).toBe(1)
    expect(db.stats.rejectedAccessTokens).toBe(0)
    expect(db.stats.refreshCalls).toBe(1)
  })

  it('replays a request that waited for its token and was then refused through its own adapter, without a second wait', async () => {
    let calls = 0
    server.use(
      http.get('/api/refused-once', () =>
        ++calls === 1 ? problem(401, 'token_invalid', 'Invalid.') : json({ ok: true }),
      ),
    )
    const { session, api, events } = createTab()
    await session.signIn(DEMO)
    // The client's own adapter, which both sends must go through: it hands them to the default.
    const send = getAdapter(axios.defaults.adapter)
    const ownAdapter = vi.fn<AxiosAdapter>((config) => send(config))
    api.defaults.adapter = ownAdapter
    db.config.refreshLatencyMs = 50

    const refreshing = session.refresh()
    const response = await api.get('/refused-once')
    await refreshing

    expect(response.status).toBe(200)
    expect(calls).toBe(2)
    expect(ownAdapter).toHaveBeenCalledTimes(2)
    expect(
      events.flatMap((event) =>
        'url' in event && event.url === '/refused-once' ? [event.type] : [],
      ),
    ).toEqual(['request-queued', 'request-queued', 'request-replayed', 'request-completed'])
  })

  it('replays a 401 for a token older than the current one without refreshing', async () => {
    const { session, api, events } = createTab()
    await session.signIn(DEMO)
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    server.use(
      http.get(
        '/api/me',
        async () => {
          await released
          return problem(401, 'token_expired', 'Expired.')
        },
        { once: true },
      ),
    )

    const pending = api.get('/me')
    await session.refresh() // the newer token arrives while the old request is out
    release()
    const response = await pending

    expect(response.status).toBe(200)
    expect(db.stats.refreshCalls).toBe(1)
    expect(events.find((e) => e.type === 'request-replayed')).toMatchObject({ why: 'newer-token' })
  })

  it('rejects every queued request and signs out once when the refresh is refused', async () => {
    const { session, api, count } = createTab()
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    db.config.refreshFailure = 'unauthorized'

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => api.get('/me')))

    expect(
      results.every((r) => r.status === 'rejected' && kindOf(r.reason) === 'session_ended'),
    ).toBe(true)
    expect(db.stats.refreshCalls).toBe(1)
    expect(count('signed-out')).toBe(1)
    expect(session.getState()).toMatchObject({
      phase: 'signed-out',
      endedBecause: 'ended',
    })
    expect(session.accessToken()).toBeNull()
  })

  it.each(['server_error', 'network'] as const)(
    'keeps the session through a refresh %s and recovers on the backoff retry',
    async (failure) => {
      // The backoff timer runs on fake time.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const { session, api, count, emitted } = createTab()
      await session.signIn(DEMO)
      expireAccessTokensOnServer()
      db.config.refreshFailure = failure

      const failed = await api.get('/me').catch((error: unknown) => error)
      expect(kindOf(failed)).toBe('transient')
      expect(session.getState()).toMatchObject({ phase: 'reconnecting' })

      db.config.refreshFailure = 'none'
      // The first backoff is 0.5–1 s (the harness draws its lower end): no attempt before.
      const attempts = count('refresh-started')
      await vi.advanceTimersByTimeAsync(499)
      expect(count('refresh-started')).toBe(attempts)
      await vi.advanceTimersByTimeAsync(1)
      expect(count('refresh-started')).toBe(attempts + 1)
      await emitted('refresh-succeeded')
      expect(session.getState().phase).toBe('signed-in')
      expect((await api.get('/me')).status).toBe(200)
      expect(db.stats.refreshSucceeded).toBe(1)
    },
  )

  it('rejects an aborted queued request with an abort error without blocking the others', async () => {
    const { session, api, events } = createTab()
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    db.config.refreshLatencyMs = 100
    const controller = new AbortController()
    const unsubscribe = session.onEvent((event) => {
      if (event.type === 'request-queued' && event.url === '/movies/parasite-2019')
        controller.abort()
    })

    const results = await Promise.allSettled([
      api.get('/me'),
      api.get('/movies/parasite-2019', { signal: controller.signal }),
      api.get('/me/watchlist'),
    ])
    unsubscribe()

    expect(results[0].status).toBe('fulfilled')
    expect(results[2].status).toBe('fulfilled')
    expect(results[1].status === 'rejected' && axios.isCancel(results[1].reason)).toBe(true)
    // Abandoned by its caller, not failed: it is not reported as an outcome.
    const outcomes = events.filter((e) => e.type === 'request-completed')
    expect(outcomes.map((e) => 'url' in e && e.url)).not.toContain('/movies/parasite-2019')
  })

  it('reports each request once with its final outcome: ok, replayed after a 401, or failed', async () => {
    server.use(http.get('/api/broken', () => problem(500, 'server_error', 'Broken.')))
    const { session, api, events } = createTab()
    await session.signIn(DEMO)
    await api.get('/me')
    expireAccessTokensOnServer()
    await api.get('/me/watchlist')
    await api.get('/broken').catch(() => undefined)
    await api.get('/movies', { skipAuth: true }).catch(() => undefined)

    const completed = events.flatMap((event) =>
      event.type === 'request-completed' ? [[event.url, event.status, event.replayed]] : [],
    )
    expect(completed).toEqual([
      ['/me', 200, false],
      ['/me/watchlist', 200, true],
      ['/broken', 500, false],
    ])
  })

  it('reports a request whose refresh failed before it was sent as failed without a status', async () => {
    const clock = manualClock()
    const { session, api, events } = createTab({ clock: clock.now })
    await session.signIn(DEMO)
    clock.advance(db.config.accessTokenTtlSec * 1000 + 1)
    db.config.refreshFailure = 'server_error'

    await api.get('/me').catch(() => undefined)

    expect(events.filter((event) => event.type === 'request-completed')).toMatchObject([
      { url: '/me', status: null, replayed: false },
    ])
  })

  it('replays a POST with its original body, and never replays a request twice', async () => {
    server.use(
      http.post(
        '/api/echo',
        withAuth(async ({ request }) => json(await request.json())),
      ),
      http.post('/api/always-401', () => problem(401, 'token_invalid', 'Invalid.')),
    )
    const { session, api } = createTab()
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    const sent = countRequests()

    const body = { note: 'keep me', list: [1, 2, 3] }
    const echoed = await api.post('/echo', body)
    expect(echoed.data).toEqual(body)
    expect(sent.get('POST /api/echo')).toBe(2)

    const refusal = await api.post('/always-401', { x: 1 }).catch((error: unknown) => error)
    expect(isAxiosError(refusal) && refusal.response?.status).toBe(401)
    expect(sent.get('POST /api/always-401')).toBe(2)
    expect(db.stats.refreshCalls).toBe(2)
  })
})

describe('where the interceptor sends the token', () => {
  it.each([
    ['an absolute URL', 'https://evil.example/api/me'],
    ['a scheme-relative URL', '//evil.example/api/me'],
    ['a URL whose scheme has a digit', 's3://evil.example/api/me'],
  ])('refuses %s of another origin and sends nothing', async (_, url) => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const adapter = vi.fn(() => Promise.reject(new Error('sent')))
    api.defaults.adapter = adapter

    await expect(api.get(url)).rejects.toThrow(/installed on only/)
    expect(adapter).not.toHaveBeenCalled()
  })

  it.each([
    ['', '\\\\elsewhere.example/feed'],
    [', even with a double slash further on', '\\\\elsewhere.example/feed//page'],
  ])(
    'sends a path that only looks like another host%s, since axios appends it to the base URL',
    async (_, url) => {
      const { session, api } = createTab()
      await session.signIn(DEMO)
      const adapter = vi.fn(() => Promise.reject(new Error('sent')))
      api.defaults.adapter = adapter

      await expect(api.get(url)).rejects.toThrow('sent')
      expect(adapter).toHaveBeenCalledOnce()
    },
  )

  it('still sends a request of another origin without the token when it asks for none', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const adapter = vi.fn(() => Promise.reject(new Error('sent')))
    api.defaults.adapter = adapter

    await api.get('https://elsewhere.example/feed', { skipAuth: true }).catch(() => undefined)
    expect(adapter).toHaveBeenCalledOnce()
  })
})

/** An adapter that answers every request with an empty 200 at once, and keeps what it was sent. */
function answeringAdapter(): Mock<AxiosAdapter> {
  return vi.fn<AxiosAdapter>((config) =>
    Promise.resolve({ data: null, status: 200, statusText: 'OK', headers: {}, config }),
  )
}

/** The Authorization header of the `call`th request an adapter was sent. */
const authorizationSent = (adapter: Mock<AxiosAdapter>, call = 0): unknown =>
  adapter.mock.calls[call]?.[0].headers.get('Authorization')

describe('which URLs the interceptor takes for its own origin', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('sends the token with an absolute URL of its own origin', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const adapter = answeringAdapter()
    api.defaults.adapter = adapter

    await api.get(`${location.origin}/api/me`)

    expect(authorizationSent(adapter)).toBe(`Bearer ${session.accessToken()?.value}`)
  })

  it('takes an absolute base URL for its own origin, and refuses only another one', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const adapter = answeringAdapter()
    api.defaults.adapter = adapter
    api.defaults.baseURL = 'https://api.reel.example/v1'

    await api.get('https://api.reel.example/v1/me')
    await expect(api.get('https://evil.example/v1/me')).rejects.toThrow(/installed on only/)

    expect(adapter).toHaveBeenCalledOnce()
    expect(authorizationSent(adapter)).toBe(`Bearer ${session.accessToken()?.value}`)
  })

  it('takes the page for the origin of a client with no base URL', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const adapter = answeringAdapter()
    api.defaults.adapter = adapter
    delete api.defaults.baseURL

    await api.get('/api/me')
    await expect(api.get('https://evil.example/api/me')).rejects.toThrow(/installed on only/)

    expect(adapter).toHaveBeenCalledOnce()
    expect(authorizationSent(adapter)).toBe(`Bearer ${session.accessToken()?.value}`)
  })

  it('sends the token when there is neither a base URL nor a page to compare with', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const adapter = answeringAdapter()
    api.defaults.adapter = adapter
    delete api.defaults.baseURL
    vi.stubGlobal('location', undefined)

    await api.get('https://api.reel.example/me')

    expect(authorizationSent(adapter)).toBe(`Bearer ${session.accessToken()?.value}`)
  })

  it('sends a request without a URL to the base URL with the token', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const adapter = answeringAdapter()
    api.defaults.adapter = adapter

    await api.request({})

    expect(authorizationSent(adapter)).toBe(`Bearer ${session.accessToken()?.value}`)
  })
})

describe('what the interceptor sends', () => {
  it('hands a request to the adapter at once, in the same turn, when a token is at hand', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const adapter = answeringAdapter()
    api.defaults.adapter = adapter

    const pending = api.get('/me')

    expect(adapter).toHaveBeenCalledOnce()
    await pending
  })

  it('sends no token, not even one the caller set, when nobody is signed in', async () => {
    const { session, api } = createTab()
    await session.signOut()
    const adapter = answeringAdapter()
    api.defaults.adapter = adapter

    await api.get('/me', { headers: { Authorization: 'Bearer old' } })

    expect(authorizationSent(adapter)).toBeUndefined()
  })

  it('leaves the client as it was once removed: no token, and a 401 returned as it is', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const client = axios.create({ baseURL: '/api' })
    const uninstall = installAuthInterceptor(client, session)
    uninstall()
    const sent = countRequests()
    expireAccessTokensOnServer()

    const refusal: unknown = await client
      .get('/me', { headers: { Authorization: `Bearer ${session.accessToken()?.value}` } })
      .catch((error: unknown) => error)
    const bare: unknown = await client.get('/me').catch((error: unknown) => error)

    expect(isAxiosError(refusal) && refusal.response?.status).toBe(401)
    expect(isAxiosError(bare) && bare.response?.status).toBe(401)
    expect(sent.get('GET /api/me')).toBe(2)
    expect(db.stats.refreshCalls).toBe(0)
  })
})

describe('what the interceptor reports and rejects with', () => {
  it('names each reported request by its method and the URL it was given', async () => {
    const { session, api, events } = createTab()
    await session.signIn(DEMO)
    api.defaults.adapter = answeringAdapter()

    await api.post('/me/watchlist', { movieId: 'parasite-2019' })
    await api.request({})

    const completed = events.flatMap((event) =>
      event.type === 'request-completed' ? [[event.method, event.url, event.status]] : [],
    )
    expect(completed).toEqual([
      ['post', '/me/watchlist', 200],
      ['get', '', 200],
    ])
  })

  it('passes a network error on to its caller as it is, reported without a status', async () => {
    server.use(http.get('/api/me', () => HttpResponse.error()))
    const { session, api, events } = createTab()
    await session.signIn(DEMO)

    const failure: unknown = await api.get('/me').catch((error: unknown) => error)

    expect(isAxiosError(failure) && failure.code).toBe(AxiosError.ERR_NETWORK)
    expect(events.filter((event) => event.type === 'request-completed')).toMatchObject([
      { url: '/me', status: null, replayed: false },
    ])
  })

  it('passes on an axios error that names no request as it is', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const blocked = new AxiosError('Blocked before it was sent.', 'ERR_BLOCKED')
    api.defaults.adapter = () => Promise.reject(blocked)

    await expect(api.get('/me')).rejects.toBe(blocked)
  })

  it('gives up waiting for a refresh after its timeout, with the error of an axios timeout', async () => {
    const time = manualClock()
    const { session, api, emitted } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)
    let answer = () => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    server.use(http.post('/api/auth/refresh', () => answered, { once: true }))
    const refreshed = session.refresh()

    const failure = api.get('/me', { timeout: 5_000 }).catch((error: unknown) => error)
    await emitted('request-queued')
    time.advance(5_000)
    const error = await failure
    answer()
    await refreshed

    expect(isAxiosError(error) && [error.code, error.message]).toEqual([
      AxiosError.ECONNABORTED,
      'timeout of 5000ms exceeded',
    ])
  })

  it('gives up waiting for the refresh its 401 started after its timeout', async () => {
    const time = manualClock()
    const { session, api, emitted } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    let answer = () => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    server.use(http.post('/api/auth/refresh', () => answered, { once: true }))

    const result = api.get('/me', { timeout: 5_000 }).catch((error: unknown) => error)
    await emitted('request-queued')
    time.advance(5_000)
    answer()
    const error = await result
    await emitted('refresh-succeeded')

    expect(isAxiosError(error) && error.code).toBe(AxiosError.ECONNABORTED)
  })

  it('rejects a 401 that arrives after the session ended with a session_ended error for it', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const hold = holdAtServer()
    server.use(
      http.get(
        '/api/me',
        async () => {
          await hold.held()
          return problem(401, 'token_expired', 'Expired.')
        },
        { once: true },
      ),
    )

    const result = api.get('/me').catch((error: unknown) => error)
    await hold.arrived
    await session.signOut()
    hold.release()
    const error = await result

    expect(isAuthError(error) && [error.kind, error.message, error.code, error.status]).toEqual([
      'session_ended',
      'You need to sign in again.',
      'token_expired',
      401,
    ])
    expect(isAuthError(error) && kindOf(error.cause)).toBe('session_ended')
  })
})

describe('the interceptor and a step-up', () => {
  const CHANGE = { newPassword: 'a-new-password-1' }

  it('asks for a fresh sign-in when only the WWW-Authenticate challenge asks for one', async () => {
    server.use(
      http.post(
        STEP_UP_ENDPOINT,
        () =>
          new HttpResponse(null, {
            status: 401,
            headers: { 'WWW-Authenticate': REAUTHENTICATION_CHALLENGE },
          }),
        { once: true },
      ),
      ...stepUpServer().handlers,
    )
    const { session, api, events } = createTab()
    await session.signIn(DEMO)

    const request = api.post('/me/password', CHANGE)
    // A refusal returned as it is fails here at once, without a prompt.
    const prompt = await Promise.race([
      promptShown(session),
      request.then(
        () => null,
        () => null,
      ),
    ])
    await prompt?.confirm({ password: DEMO.password })

    expect((await request).status).toBe(204)
    expect(events.find((e) => e.type === 'request-replayed')).toMatchObject({
      why: 'after-step-up',
    })
  })

  it('replays a request once after a refresh and once more after the step-up it then needs', async () => {
    server.use(
      http.post(STEP_UP_ENDPOINT, () => problem(401, 'token_expired', 'Expired.'), { once: true }),
      ...stepUpServer().handlers,
    )
    const { session, api, events } = createTab()
    await session.signIn(DEMO)
    const sent = countRequests()

    const request = api.post('/me/password', CHANGE)
    const prompt = await Promise.race([
      promptShown(session),
      request.then(
        () => null,
        () => null,
      ),
    ])
    await prompt?.confirm({ password: DEMO.password })

    expect((await request).status).toBe(204)
    expect(sent.get(`POST ${STEP_UP_ENDPOINT}`)).toBe(3)
    expect(events.flatMap((e) => (e.type === 'request-replayed' ? [e.why] : []))).toEqual([
      'after-refresh',
      'after-step-up',
    ])
  })

  it('takes a challenge only from a WWW-Authenticate header that is text', async () => {
    const { session, api } = createTab()
    await session.signIn(DEMO)
    // A custom adapter may hand over a header's values as a list; axios's own never do.
    api.defaults.adapter = (config) =>
      Promise.reject(
        new AxiosError('Refused.', AxiosError.ERR_BAD_REQUEST, config, null, {
          data: '',
          status: 401,
          statusText: 'Unauthorized',
          headers: { 'www-authenticate': [REAUTHENTICATION_CHALLENGE] },
          config,
        }),
      )

    const outcome = await Promise.race([
      api.get('/me').then(
        () => 'answered',
        () => 'returned',
      ),
      promptShown(session).then((prompt) => {
        prompt.cancel()
        return 'asked'
      }),
    ])

    expect(outcome).toBe('returned')
  })

  it('marks the replay after a step-up as such, and returns its refusal as it is', async () => {
    server.use(
      http.post(STEP_UP_ENDPOINT, () =>
        problem(401, 'reauthentication_required', 'Confirm it is you.'),
      ),
      ...stepUpServer().handlers,
    )
    const { session, api } = createTab()
    await session.signIn(DEMO)

    const request = api.post('/me/password', CHANGE).catch((error: unknown) => error)
    await (await promptShown(session)).confirm({ password: DEMO.password })
    const refusal = await request

    expect(isAxiosError(refusal) && refusal.response?.status).toBe(401)
    expect(
      isAxiosError(refusal) && [refusal.config?.stepUpReplayed, refusal.config?.authReplayed],
    ).toEqual([true, undefined])
  })

  it('waits for a person to confirm beyond the timeout, which is for a slow server', async () => {
    server.use(...stepUpServer().handlers)
    const time = manualClock()
    const { session, api } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)

    const request = api.post('/me/password', CHANGE, { timeout: 5_000 })
    const prompt = await promptShown(session)
    time.advance(5_000)
    await prompt.confirm({ password: DEMO.password })

    expect((await request).status).toBe(204)
  })
})
