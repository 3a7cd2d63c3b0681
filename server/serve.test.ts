import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServeOptions } from './serve.ts'
import { contentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from './security-headers.ts'
import { ENTRY, ENTRY_SOURCE, INDEX_HTML } from './test-build.ts'
import { rawRequest, type RawAnswer } from './test-http.ts'
import { servedTestBuild } from './test-serve.ts'
import { parseTrustedProxies } from './trusted-proxies.ts'

const { start, track } = servedTestBuild({ kind: 'none' })

/** A raw GET: fetch would decompress the body and hide what the server chose to send. */
function get(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { origin, pathname, search } = new URL(url)
  return rawRequest(origin, { path: pathname + search, headers })
}

describe('the production server', () => {
  it('keeps hashed assets for a year and has index.html revalidated', async () => {
    const origin = await start()
    expect((await get(origin + ENTRY)).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    )
    for (const path of ['/', '/index.html', '/movies']) {
      expect((await get(origin + path)).headers['cache-control'], path).toBe('no-cache')
    }
  })

  it('sends the precompressed twin the client accepts, else the file itself', async () => {
    const origin = await start()
    const brotli = await get(origin + ENTRY, { 'Accept-Encoding': 'gzip, br' })
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.body.length).toBeLessThan(ENTRY_SOURCE.length)
    const gzip = await get(origin + ENTRY, { 'Accept-Encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    const plain = await get(origin + ENTRY)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(ENTRY_SOURCE)
    expect(plain.headers.vary).toBe('Accept-Encoding')
  })

  it('answers a missing file with 404, never with the app', async () => {
    const origin = await start()
    for (const path of ['/assets/index-Missing1.js', '/assets/chunk', '/robots.txt']) {
      const response = await get(origin + path)
      expect(response.status, path).toBe(404)
      expect(response.body.toString(), path).not.toContain('id="root"')
    }
  })

  it('answers every client route with index.html', async () => {
    const origin = await start()
    for (const path of ['/login', '/movies/tt0133093', '/auth/callback/google?code=x']) {
      const response = await get(origin + path)
      expect(response.status, path).toBe(200)
      expect(response.body.toString(), path).toBe(INDEX_HTML)
    }
  })

  it('puts the header policy on files, fallbacks, 404s and health alike', async () => {
    const origin = await start()
    for (const path of ['/', ENTRY, '/movies', '/assets/missing.js', '/healthz']) {
      const { headers } = await get(origin + path)
      expect(headers['content-security-policy'], path).toBe(
        contentSecurityPolicy({ mode: 'production' }),
      )
      expect(headers['x-content-type-options'], path).toBe('nosniff')
      expect(headers['strict-transport-security'], path).toBeUndefined()
    }
    const callback = await get(`${origin}/auth/callback/kakao?code=secret`)
    expect(callback.headers['referrer-policy']).toBe('no-referrer')
  })

  it('reports its health', async () => {
    const origin = await start()
    const response = await get(`${origin}/healthz`)
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body.toString())).toEqual({ status: 'ok' })
  })

  it('sends HSTS when its public origin is HTTPS', async () => {
    const origin = await start({ publicOrigin: new URL('https://reel.example') })
    expect((await get(`${origin}/`)).headers['strict-transport-security']).toBe(
      STRICT_TRANSPORT_SECURITY,
    )
  })

  it('sends HSTS only when a proxy it trusts says the browser came over HTTPS', async () => {
    const https = { 'X-Forwarded-Proto': 'https' }
    const trusting = await start({ trustedProxies: parseTrustedProxies('127.0.0.1') })
    expect((await get(`${trusting}/`, https)).headers['strict-transport-security']).toBe(
      STRICT_TRANSPORT_SECURITY,
    )
    expect((await get(`${trusting}/`)).headers['strict-transport-security']).toBeUndefined()
    const untrusting = await start()
    expect((await get(`${untrusting}/`, https)).headers['strict-transport-security']).toBe(
      undefined,
    )
  })
})

describe('the production server in front of a real backend', () => {
  let backend: Server
  let backendUrl: URL

  beforeAll(async () => {
    // Answers with the headers it received, and a page with a policy of its own.
    backend = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.setHeader('Content-Security-Policy', "default-src 'none'")
      res.end(JSON.stringify({ url: req.url, headers: req.headers }))
    })
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve))
    const address = backend.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    backendUrl = new URL(`http://127.0.0.1:${address.port}`)
  })
  afterAll(() => new Promise((resolve) => backend.close(resolve)))

  /** The backend's record of what reached it, if anything did. */
  type Seen = { url: string; headers: IncomingHttpHeaders }

  async function forwarded(
    options: Partial<ServeOptions> = {},
    headers: Record<string, string> = {},
    localAddress?: string,
  ) {
    const origin = await start({ api: { kind: 'proxy', target: backendUrl }, ...options })
    const response = await rawRequest(origin, {
      path: '/api/movies?page=2',
      headers,
      ...(localAddress && { localAddress }),
    })
    return { response, seen: JSON.parse(response.body.toString()) as Seen }
  }

  const trustingLoopback = { trustedProxies: parseTrustedProxies('127.0.0.1') }

  it('passes /api on with the connecting address as X-Forwarded-For', async () => {
    const { seen } = await forwarded()
    expect(seen.url).toBe('/api/movies?page=2')
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1')
    expect(seen.headers.host).toBe(backendUrl.host)
  })

  it('keeps the path of the backend URL in front of the request path', async () => {
    const under = new URL('/reel/', backendUrl)
    const { seen } = await forwarded({ api: { kind: 'proxy', target: under } })
    expect(seen.url).toBe('/reel/api/movies?page=2')
  })

  it('drops what an untrusted client says of itself and writes its own view', async () => {
    const forged = {
      'X-Forwarded-For': '203.0.113.7',
      'X-Forwarded-Host': 'evil.example',
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Port': '443',
      Forwarded: 'for=203.0.113.7;proto=https',
      'X-Real-IP': '203.0.113.7',
      Host: 'reel.test:8080',
    }
    // 127.0.0.2 is on this machine but not among the trusted proxies.
    const { seen } = await forwarded(trustingLoopback, forged, '127.0.0.2')
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.2')
    expect(seen.headers['x-forwarded-host']).toBe('reel.test:8080')
    expect(seen.headers['x-forwarded-proto']).toBe('http')
    expect(seen.headers['x-forwarded-port']).toBeUndefined()
    expect(seen.headers.forwarded).toBeUndefined()
    expect(seen.headers['x-real-ip']).toBeUndefined()
  })

  it('behind a trusted proxy forwards one resolved client address, not the chain', async () => {
    const proxied = {
      // The client wrote the first entry; the proxy in front appended the one it saw.
      'X-Forwarded-For': '198.51.100.1, 203.0.113.9',
      'X-Forwarded-Host': 'reel.example',
      'X-Forwarded-Proto': 'https',
      Forwarded: 'for=198.51.100.1',
      'X-Real-IP': '198.51.100.1',
    }
    const { seen } = await forwarded(trustingLoopback, proxied)
    expect(seen.headers['x-forwarded-for']).toBe('203.0.113.9')
    expect(seen.headers['x-forwarded-host']).toBe('reel.example')
    expect(seen.headers['x-forwarded-proto']).toBe('https')
    expect(seen.headers.forwarded).toBeUndefined()
    expect(seen.headers['x-real-ip']).toBeUndefined()
  })

  it('never forwards a path that another server could read as outside /api/', async () => {
    let reached = 0
    const counting = createServer((_req, res) => {
      reached++
      res.end('{}')
    })
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve))
    track(counting)
    const address = counting.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    const origin = await start({
      api: { kind: 'proxy', target: new URL(`http://127.0.0.1:${address.port}/reel`) },
    })
    for (const path of [
      '/api/../admin/',
      '/api/%2e%2e/admin/',
      '/api/%2E%2E/admin/',
      '/api/.%2e/admin/',
      '/api/..%2fadmin/',
      '/api/..%2Fadmin/',
      '/api/..\\admin/',
      '/api/%5c..%5cadmin/',
      '/api/%252e%252e/admin/',
      '/api//admin/',
      '/api/./me',
      '/api/me/..',
      '/api/%00/me',
      '/api/%zz/me',
    ]) {
      const response = await rawRequest(origin, { path })
      expect(response.status, path).toBe(404)
      expect(response.headers['content-type'], path).toBe('application/problem+json')
      expect(JSON.parse(response.body.toString()), path).toMatchObject({ code: 'not_found' })
    }
    expect(reached).toBe(0)
    expect((await rawRequest(origin, { path: '/api/me/' })).status).toBe(200)
    expect(reached).toBe(1)
  })

  it("keeps the backend's own headers over its policy, and adds nosniff", async () => {
    const { response } = await forwarded()
    expect(response.headers['content-security-policy']).toBe("default-src 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
  })

  it('answers 502 when the backend is unreachable', async () => {
    const origin = await start({
      api: { kind: 'proxy', target: new URL('http://127.0.0.1:9') },
    })
    const response = await get(`${origin}/api/me`)
    expect(response.status).toBe(502)
    expect(response.headers['content-type']).toBe('application/problem+json')
  })
})
