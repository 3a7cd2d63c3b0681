import axios from 'axios'
import { describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/backend/db'
import { createTab, DEMO, expireAccessTokensOnServer } from '../test/auth-harness'
import { createAuthHttp, postLogoutAll } from './auth-api'
import { createAuthFetch } from './auth-fetch'

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
