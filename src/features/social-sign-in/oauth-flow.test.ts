import { describe, expect, it } from 'vitest'
import {
  ATTEMPT_TTL_MS,
  beginProviderLink,
  beginSocialSignIn,
  callbackIntent,
  finishSocialSignIn,
  grantOf,
  linkGrantOf,
  type FlowEnvironment,
} from './oauth-flow'
import { codeChallengeS256 } from './pkce'
import { providerConfig } from '../../test/provider-configs'
import { manualTime, type ManualTime } from '../../test/manual-time'

const ORIGIN = 'http://localhost:4178'

/** One tab's sessionStorage: a tab sees only its own. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>()
  get length() {
    return this.items.size
  }
  clear() {
    this.items.clear()
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value))
  }
  entries() {
    return Object.fromEntries(this.items)
  }
}

function tab(start = 1_000_000) {
  const storage = new MemoryStorage()
  const time = manualTime(start)
  const env: FlowEnvironment & { time: ManualTime } = {
    storage,
    origin: ORIGIN,
    time,
    now: time.now,
  }
  return { storage, env }
}

/** Starts a sign-in and returns the query the provider would redirect back with. */
async function startAt(env: FlowEnvironment, provider: 'google' | 'kakao' | 'naver' = 'kakao') {
  const url = new URL(
    await beginSocialSignIn(
      providerConfig(provider),
      { returnTo: '/watchlist?page=2', remember: true },
      env,
    ),
  )
  const state = url.searchParams.get('state') ?? ''
  return { url, state, answer: `?code=the-code&state=${encodeURIComponent(state)}` }
}

describe('beginSocialSignIn', () => {
  it('builds the listed authorize URL with its client id, scope, an S256 challenge and the exact callback', async () => {
    const { env, storage } = tab()
    const { url, state } = await startAt(env, 'kakao')

    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/api/oauth/kakao/authorize`)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'reel',
      redirect_uri: `${ORIGIN}/auth/callback/kakao`,
      state,
      scope: 'profile_nickname account_email',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    })
    const [stored] = Object.values(storage.entries())
    const { codeVerifier } = JSON.parse(stored ?? '{}') as { codeVerifier: string }
    expect(url.searchParams.get('code_challenge')).toBe(await codeChallengeS256(codeVerifier))
  })

  it('keeps one attempt under a key of its own state, and never the challenge’s secret in the URL', async () => {
    const { env, storage } = tab()
    const { url, state } = await startAt(env)

    expect(Object.keys(storage.entries())).toEqual([`reel.oauth-attempt.${state}`])
    const { codeVerifier } = JSON.parse(storage.getItem(`reel.oauth-attempt.${state}`) ?? '{}')
    expect(url.href).not.toContain(codeVerifier)
  })

  it('abandons an earlier attempt of the same tab when a new one starts', async () => {
    const { env, storage } = tab()
    const first = await startAt(env, 'google')
    const second = await startAt(env, 'kakao')

    expect(storage.length).toBe(1)
    expect(finishSocialSignIn('google', first.answer, env)).toMatchObject({ ok: false })
    expect(second.state).not.toBe(first.state)
  })

  it('keeps only a path on this site to return to', async () => {
    const { env } = tab()
    const url = new URL(
      await beginSocialSignIn(
        providerConfig('google'),
        { returnTo: 'https://evil.example/', remember: true },
        env,
      ),
    )
    const result = finishSocialSignIn(
      'google',
      `?code=c&state=${url.searchParams.get('state')}`,
      env,
    )
    expect(result).toMatchObject({ ok: true, returnTo: '/movies' })
  })

  it('sends no challenge and keeps no verifier for a provider without PKCE (Naver)', async () => {
    const { env, storage } = tab()
    const { url, answer } = await startAt(env, 'naver')

    expect(url.searchParams.has('code_challenge')).toBe(false)
    expect(url.searchParams.has('code_challenge_method')).toBe(false)
    const [stored] = Object.values(storage.entries())
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ codeVerifier: null })
    const result = finishSocialSignIn('naver', answer, env)
    if (!result.ok) throw new Error('expected a finished attempt')
    expect(grantOf(result)).toEqual({
      code: 'the-code',
      redirectUri: `${ORIGIN}/auth/callback/naver`,
      remember: true,
    })
  })

  it('carries "keep me signed in" off through the round trip', async () => {
    const { env } = tab()
    const url = new URL(
      await beginSocialSignIn(providerConfig('google'), { returnTo: '/', remember: false }, env),
    )
    const result = finishSocialSignIn(
      'google',
      `?code=c&state=${url.searchParams.get('state')}`,
      env,
    )
    if (!result.ok) throw new Error('expected a finished attempt')
    expect(grantOf(result)).toMatchObject({ remember: false, codeVerifier: expect.any(String) })
  })
})

describe('beginProviderLink', () => {
  async function startLinkAt(env: FlowEnvironment, provider: 'kakao' | 'naver') {
    const url = new URL(
      await beginProviderLink(providerConfig(provider), { returnTo: '/account' }, env),
    )
    return `?code=the-code&state=${url.searchParams.get('state')}`
  }

  it('comes back as a link to the account, with the code to post and no sign-in choice', async () => {
    const { env } = tab()
    const result = finishSocialSignIn('kakao', await startLinkAt(env, 'kakao'), env)

    expect(result).toMatchObject({ ok: true, intent: 'link', returnTo: '/account' })
    if (!result.ok) throw new Error('expected a finished attempt')
    expect(linkGrantOf(result)).toEqual({
      code: 'the-code',
      codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/),
      redirectUri: `${ORIGIN}/auth/callback/kakao`,
    })
  })

  it('posts no verifier to link a provider without PKCE (Naver)', async () => {
    const { env } = tab()
    const result = finishSocialSignIn('naver', await startLinkAt(env, 'naver'), env)
    if (!result.ok) throw new Error('expected a finished attempt')
    expect(linkGrantOf(result)).toEqual({
      code: 'the-code',
      redirectUri: `${ORIGIN}/auth/callback/naver`,
    })
  })

  it('says a cancel at the provider ended a link, so the account page can say so', async () => {
    const { env } = tab()
    const answer = await startLinkAt(env, 'kakao')
    const state = new URLSearchParams(answer).get('state')
    expect(finishSocialSignIn('kakao', `?error=access_denied&state=${state}`, env)).toEqual({
      ok: false,
      reason: 'cancelled',
      intent: 'link',
      provider: 'kakao',
      returnTo: '/account',
    })
  })
})

describe('callbackIntent', () => {
  it('tells a link from a sign-in without ending the attempt, which still finishes once', async () => {
    const { env } = tab()
    const { answer: signIn } = await startAt(env)
    expect(callbackIntent(signIn, env)).toBe('sign-in')
    const link = new URL(
      await beginProviderLink(providerConfig('kakao'), { returnTo: '/account' }, env),
    )
    const answer = `?code=the-code&state=${link.searchParams.get('state')}`

    expect(callbackIntent(answer, env)).toBe('link')
    expect(finishSocialSignIn('kakao', answer, env)).toMatchObject({ ok: true, intent: 'link' })
    expect(callbackIntent(answer, env)).toBeNull()
  })

  it('knows nothing of an answer without a state or with one this tab never made', () => {
    const { env } = tab()
    expect(callbackIntent('?code=the-code', env)).toBeNull()
    expect(callbackIntent('?code=the-code&state=forged', env)).toBeNull()
  })
})

describe('finishSocialSignIn', () => {
  it('hands back the code, verifier, exact redirect URI and where the person was going', async () => {
    const { env } = tab()
    const { answer } = await startAt(env)

    const result = finishSocialSignIn('kakao', answer, env)

    expect(result).toEqual({
      ok: true,
      intent: 'sign-in',
      provider: 'kakao',
      code: 'the-code',
      codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/),
      redirectUri: `${ORIGIN}/auth/callback/kakao`,
      returnTo: '/watchlist?page=2',
      remember: true,
    })
  })

  it('removes the state and verifier on use, so the same answer is refused the second time', async () => {
    const { env, storage } = tab()
    const { answer } = await startAt(env)

    expect(finishSocialSignIn('kakao', answer, env).ok).toBe(true)
    expect(storage.length).toBe(0)
    expect(finishSocialSignIn('kakao', answer, env)).toEqual({
      ok: false,
      reason: 'state_unknown',
      intent: null,
      provider: 'kakao',
      returnTo: null,
    })
  })

  it('refuses an answer without a state, and ends the attempt', async () => {
    const { env, storage } = tab()
    await startAt(env)

    expect(finishSocialSignIn('kakao', '?code=the-code', env)).toMatchObject({
      ok: false,
      reason: 'state_missing',
    })
    expect(storage.length).toBe(0)
  })

  it('refuses a state that does not match, and ends the real attempt too', async () => {
    const { env, storage } = tab()
    const { state } = await startAt(env)

    const tampered = `?code=the-code&state=${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`
    expect(finishSocialSignIn('kakao', tampered, env)).toMatchObject({
      ok: false,
      reason: 'state_unknown',
    })
    expect(storage.length).toBe(0)
  })

  it('refuses a state started in another tab', async () => {
    const first = tab()
    const other = tab()
    const { answer } = await startAt(first.env)

    expect(finishSocialSignIn('kakao', answer, other.env)).toMatchObject({
      ok: false,
      reason: 'state_unknown',
    })
    // The tab that started it still can.
    expect(finishSocialSignIn('kakao', answer, first.env).ok).toBe(true)
  })

  it('refuses an answer arriving on another provider’s callback (mix-up)', async () => {
    const { env } = tab()
    const { answer } = await startAt(env, 'kakao')

    expect(finishSocialSignIn('naver', answer, env)).toMatchObject({
      ok: false,
      reason: 'provider_mismatch',
      provider: 'naver',
      returnTo: '/watchlist?page=2',
    })
  })

  it('refuses a callback for a provider Reel does not offer', async () => {
    const { env } = tab()
    const { answer } = await startAt(env)
    expect(finishSocialSignIn('facebook', answer, env)).toMatchObject({
      ok: false,
      reason: 'unknown_provider',
      provider: null,
    })
  })

  it('refuses an attempt older than ten minutes', async () => {
    const { env } = tab()
    const { answer } = await startAt(env)
    env.time.advance(ATTEMPT_TTL_MS + 1)

    expect(finishSocialSignIn('kakao', answer, env)).toMatchObject({
      ok: false,
      reason: 'state_expired',
    })
  })

  it('reports a cancel at the provider as cancelled, with where the person was going', async () => {
    const { env, storage } = tab()
    const { state } = await startAt(env)

    expect(finishSocialSignIn('kakao', `?error=access_denied&state=${state}`, env)).toEqual({
      ok: false,
      reason: 'cancelled',
      intent: 'sign-in',
      provider: 'kakao',
      returnTo: '/watchlist?page=2',
    })
    expect(storage.length).toBe(0)
  })

  it('reports any other provider error as a provider error', async () => {
    const { env } = tab()
    const { state } = await startAt(env)
    expect(finishSocialSignIn('kakao', `?error=server_error&state=${state}`, env)).toMatchObject({
      ok: false,
      reason: 'provider_error',
    })
  })

  it('does not take a cancel with a wrong state for a real one', async () => {
    const { env } = tab()
    await startAt(env)
    expect(finishSocialSignIn('kakao', '?error=access_denied&state=forged', env)).toMatchObject({
      ok: false,
      reason: 'state_unknown',
    })
  })

  it('refuses a matching state without a code', async () => {
    const { env } = tab()
    const { state } = await startAt(env)
    expect(finishSocialSignIn('kakao', `?state=${state}`, env)).toMatchObject({
      ok: false,
      reason: 'code_missing',
    })
  })

  it('ignores a stored attempt that is not what it started as', async () => {
    const { env, storage } = tab()
    const { state, answer } = await startAt(env)
    storage.setItem(`reel.oauth-attempt.${state}`, '{"state":"x"}')

    expect(finishSocialSignIn('kakao', answer, env)).toMatchObject({
      ok: false,
      reason: 'state_unknown',
    })
  })

  it('leaves other keys of the tab alone', async () => {
    const { env, storage } = tab()
    storage.setItem('someone-else', 'kept')
    const { answer } = await startAt(env)

    finishSocialSignIn('kakao', answer, env)

    expect(storage.entries()).toEqual({ 'someone-else': 'kept' })
  })
})
