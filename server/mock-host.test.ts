import { beforeEach, describe, expect, it } from 'vitest'
import { db, resetDb } from '../mocks/backend/db.ts'
import { rawRequest, type RawRequest } from './test-http.ts'
import { servedTestBuild } from './test-serve.ts'
import { parseTrustedProxies } from './trusted-proxies.ts'

// `npm run serve` with the mock backend in-process, alone or behind proxies: who the mock takes
// the client to be, which origin it takes itself for, and who may change its lab.

const { start } = servedTestBuild({ kind: 'mock' })
beforeEach(() => resetDb())

const trustingLoopback = { trustedProxies: parseTrustedProxies('127.0.0.1') }

const XHR = { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' }

function signIn(
  origin: string,
  password: string,
  options: Omit<RawRequest, 'path' | 'method' | 'body'> = {},
) {
  return rawRequest(origin, {
    ...options,
    method: 'POST',
    path: '/api/auth/login',
    headers: { ...XHR, ...options.headers },
    body: JSON.stringify({ username: 'alice', password }),
  })
}

const codeOf = (answer: { body: Buffer }) =>
  (JSON.parse(answer.body.toString()) as { code?: string }).code

describe('the per-client sign-in throttle', () => {
  /** Five wrong passwords from 127.0.0.2, naming 127.0.0.3 as itself; then Alice from .3. */
  async function guessThenSignIn(origin: string) {
    const forged = { headers: { 'X-Forwarded-For': '127.0.0.3' }, localAddress: '127.0.0.2' }
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(codeOf(await signIn(origin, 'wrong-password', forged))).toBe('invalid_credentials')
    }
    expect((await signIn(origin, 'alice-password-1', forged)).status).toBe(429)
    return signIn(origin, 'alice-password-1', { localAddress: '127.0.0.3' })
  }

  it('keeps another client able to sign in when the mock is reached directly', async () => {
    expect((await guessThenSignIn(await start())).status).toBe(200)
  })

  it('keeps another client able to sign in through npm run serve in front of it', async () => {
    const backend = await start(trustingLoopback)
    const front = await start({ api: { kind: 'proxy', target: new URL(backend) } })
    expect((await guessThenSignIn(front)).status).toBe(200)
  })
})

describe('the origin the mock takes for its own', () => {
  const behindTls = {
    Origin: 'https://reel.example',
    'X-Forwarded-Proto': 'https',
    'X-Forwarded-Host': 'reel.example',
  }

  it('is the one a trusted TLS proxy names, so sign-ins through it pass the CSRF check', async () => {
    const origin = await start(trustingLoopback)
    expect((await signIn(origin, 'alice-password-1', { headers: behindTls })).status).toBe(200)
  })

  it('is not changed by the same headers from a peer it does not trust', async () => {
    const origin = await start(trustingLoopback)
    const forged = await signIn(origin, 'alice-password-1', {
      headers: behindTls,
      localAddress: '127.0.0.2',
    })
    expect(forged.status).toBe(403)
    expect(codeOf(forged)).toBe('csrf_check_failed')
  })

  it('is REEL_PUBLIC_ORIGIN when set, whatever Host says', async () => {
    const origin = await start({ publicOrigin: new URL('https://reel.example') })
    const headers = { Origin: 'https://reel.example' }
    expect((await signIn(origin, 'alice-password-1', { headers })).status).toBe(200)
    const own = await signIn(origin, 'alice-password-1', { headers: { Origin: origin } })
    expect(codeOf(own)).toBe('csrf_check_failed')
  })
})

describe('the lab of a public demo', () => {
  // A stranger behind the trusted proxy, who put a loopback address in front of its own.
  const stranger = { headers: { ...XHR, 'X-Forwarded-For': '127.0.0.1, 203.0.113.9' } }
  const patch = (origin: string, options: Omit<RawRequest, 'path'>) =>
    rawRequest(origin, {
      ...options,
      method: 'PATCH',
      path: '/api/__lab/config',
      body: JSON.stringify({ latencyMs: 900 }),
    })

  it('refuses every write from a client off this machine with 403 lab_locked', async () => {
    const origin = await start(trustingLoopback)
    for (const [method, path] of [
      ['PATCH', '/api/__lab/config'],
      ['POST', '/api/__lab/reset'],
      ['DELETE', '/api/__lab/config'],
      ['PUT', '/api/__lab/anything'],
    ] as const) {
      const answer = await rawRequest(origin, { ...stranger, method, path, body: '{}' })
      expect(answer.status, `${method} ${path}`).toBe(403)
      expect(answer.headers['content-type']).toBe('application/problem+json')
      expect(codeOf(answer), `${method} ${path}`).toBe('lab_locked')
    }
    expect(db.config.latencyMs).toBe(0)
  })

  it('still lets strangers read it', async () => {
    const origin = await start(trustingLoopback)
    for (const path of ['/api/__lab/config', '/api/__lab/stats']) {
      expect((await rawRequest(origin, { ...stranger, path })).status, path).toBe(200)
    }
  })

  it('lets a client on this machine change it', async () => {
    const origin = await start(trustingLoopback)
    expect((await patch(origin, { headers: XHR })).status).toBe(200)
    expect((await patch(origin, { headers: XHR, localAddress: '127.0.0.2' })).status).toBe(200)
    expect(db.config.latencyMs).toBe(900)
    resetDb()
  })

  it('is open to everyone with REEL_LAB=open', async () => {
    const origin = await start({ ...trustingLoopback, lab: 'open' })
    expect((await patch(origin, stranger)).status).toBe(200)
    resetDb()
  })
})
