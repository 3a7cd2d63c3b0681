import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createAuthHttp, createAuthSession, isAuthError } from '../auth'
import { server } from '../../mocks/hosts/node'
import { apiClient } from './api-client'

const PASSWORD = 'correct-horse-battery-staple'
const TOKEN = 'eyJ.secret-access-token.sig'

/** Every string reachable from `value`: own properties, enumerable or not (cause, config, …). */
function everyString(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null || seen.has(value)) return []
  seen.add(value)
  return Reflect.ownKeys(value).flatMap((key) => [
    String(key),
    ...everyString(Reflect.get(value, key), seen),
  ])
}

/** What a log line, a cache dump or a copy to another tab could ever show of `error`. */
function everythingIn(error: unknown): string {
  const record = error as { config?: unknown; cause?: unknown }
  return [
    JSON.stringify(error),
    JSON.stringify(record.config ?? null),
    JSON.stringify(record.cause ?? null),
    String(error),
    ...everyString(error),
  ].join('\n')
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the request to fail')
}

describe('errors of failed requests', () => {
  it('keep no password from a failed login, nor from the auth error that wraps it', async () => {
    const credentials = { username: 'demo', password: PASSWORD }
    const error = await rejection(createAuthHttp().post('/auth/login', credentials))
    expect(everythingIn(error)).not.toContain(PASSWORD)
    const session = createAuthSession({ locks: null, channel: null, storage: null })
    const authError = await rejection(session.signIn(credentials))
    session.dispose()
    expect(isAuthError(authError) && authError.kind).toBe('rejected')
    expect(everythingIn(authError)).not.toContain(PASSWORD)
  })

  it('keep no Authorization header from a failed Bearer request', async () => {
    server.use(http.get('/api/me', () => HttpResponse.json({ code: 'forbidden' }, { status: 403 })))
    const error = await rejection(
      apiClient.get('/me', { headers: { Authorization: `Bearer ${TOKEN}` } }),
    )
    const text = everythingIn(error)
    expect(text).toContain('/me')
    expect(text).not.toContain(TOKEN)
    expect(text.toLowerCase()).not.toContain('bearer')
  })

  it('keep a body without credentials, so a replay can send it again', async () => {
    server.use(http.post('/api/watchlist', () => new HttpResponse(null, { status: 500 })))
    const error = await rejection(apiClient.post('/watchlist', { movieId: 'tt0133093' }))
    expect(JSON.stringify(error)).toContain('tt0133093')
  })
})
