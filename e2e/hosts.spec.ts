import { request as httpRequest } from 'node:http'
import type { APIRequestContext } from '@playwright/test'
import { contentSecurityPolicy, PERMISSIONS_POLICY } from '../server/security-headers'
import { expect, test } from './fixtures'

// What the production server (`npm run serve`, the one these tests run against) sends.

const PRODUCTION_CSP = contentSecurityPolicy({ mode: 'production' })

test('every document, whatever its route, carries the whole header policy', async ({ request }) => {
  for (const path of ['/', '/login', '/movies/some/deep/link']) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(200)
    const headers = response.headers()
    expect(headers['content-security-policy'], path).toBe(PRODUCTION_CSP)
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin')
    expect(headers['permissions-policy'], path).toBe(PERMISSIONS_POLICY)
    // Plain HTTP: HSTS would be ignored by the browser and is not sent.
    expect(headers['strict-transport-security'], path).toBeUndefined()
  }
})

test('API answers are not sniffed either', async ({ request }) => {
  const response = await request.post('/api/auth/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  })
  expect(response.status()).toBe(401)
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
})

test('the social sign-in callback page sends no Referer anywhere', async ({ request }) => {
  const response = await request.get('/auth/callback/google?code=secret-code&state=s')
  expect(response.headers()['referrer-policy']).toBe('no-referrer')
})

test('no foreign origin can read the API', async ({ request }) => {
  for (const origin of ['https://evil.example', 'http://localhost:4499']) {
    const preflight = await request.fetch('/api/me', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    expect(preflight.headers()['access-control-allow-origin'], origin).toBeUndefined()
    const read = await request.post('/api/auth/refresh', {
      headers: { Origin: origin, 'X-Requested-With': 'XMLHttpRequest' },
    })
    expect(read.headers()['access-control-allow-origin'], origin).toBeUndefined()
    expect(read.headers()['access-control-allow-credentials'], origin).toBeUndefined()
  }
})

/** The built entry script's address, as index.html names it. */
async function entryScript(request: APIRequestContext) {
  const html = await (await request.get('/')).text()
  const src = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
  expect(src, html).toBeDefined()
  return src ?? ''
}

test('hashed assets are kept for a year and index.html is always revalidated', async ({
  request,
}) => {
  const asset = await request.get(await entryScript(request))
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
  for (const path of ['/', '/index.html', '/watchlist']) {
    expect((await request.get(path)).headers()['cache-control'], path).toBe('no-cache')
  }
})

test('files go out precompressed in the best encoding the client accepts', async ({ request }) => {
  const script = await entryScript(request)
  const plain = await (
    await request.get(script, { headers: { 'Accept-Encoding': 'identity' } })
  ).text()
  for (const [accept, encoding] of [
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
    ['identity', undefined],
  ] as const) {
    const response = await request.get(script, { headers: { 'Accept-Encoding': accept } })
    expect(response.headers()['content-encoding'], accept).toBe(encoding)
    expect(response.headers()['vary'], accept).toBe('Accept-Encoding')
    expect(await response.text(), accept).toBe(plain)
  }
})

test('a missing file is a 404, while a client route gets the app', async ({ request }) => {
  for (const path of ['/assets/index-missing.js', '/assets/no-extension', '/logo.png']) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(404)
    expect(await response.text(), path).not.toContain('<div id="root">')
  }
  const route = await request.get('/devices')
  expect(route.status()).toBe(200)
  expect(await route.text()).toContain('<div id="root">')
})

test('the build publishes no source maps and no mock service worker', async ({ request }) => {
  const script = await entryScript(request)
  expect(await (await request.get(script)).text()).not.toContain('sourceMappingURL')
  expect((await request.get(`${script}.map`)).status()).toBe(404)
  expect((await request.get('/mockServiceWorker.js')).status()).toBe(404)
})

test('the health endpoint answers', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ status: 'ok' })
})

/** A GET whose path goes on the wire as written: a browser or fetch would resolve `..` first. */
function rawGet(baseURL: string, path: string): Promise<{ status: number; type: string }> {
  const { hostname, port } = new URL(baseURL)
  return new Promise((resolve, reject) => {
    httpRequest({ host: hostname, port, path, agent: false }, (response) => {
      response.resume()
      resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '' })
    })
      .on('error', reject)
      .end()
  })
}

test('a path that another server would resolve outside /api/ is refused', async ({ baseURL }) => {
  for (const path of ['/api/../index.html', '/api/%2e%2e/index.html', '/api/..%2findex.html']) {
    expect(await rawGet(baseURL ?? '', path), path).toEqual({
      status: 404,
      type: 'application/problem+json',
    })
  }
})
