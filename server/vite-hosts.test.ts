import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite'
import { contentSecurityPolicy } from './security-headers.ts'

// The dev and preview servers apply the one header policy and let no other origin read the API.

const FOREIGN_ORIGINS = ['https://evil.example', 'http://localhost:4499']

async function foreignReads(origin: string): Promise<Array<string | null>> {
  const answers: Array<string | null> = []
  for (const foreign of FOREIGN_ORIGINS) {
    const preflight = await fetch(`${origin}/api/me`, {
      method: 'OPTIONS',
      headers: {
        Origin: foreign,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    const read = await fetch(`${origin}/api/auth/providers`, { headers: { Origin: foreign } })
    answers.push(
      preflight.headers.get('access-control-allow-origin'),
      read.headers.get('access-control-allow-origin'),
    )
  }
  return answers
}

function originOf(urls: { local: string[] } | null): string {
  const local = urls?.local[0]
  if (!local) throw new Error('the server reports no address')
  return local.replace(/\/$/, '')
}

describe('the Vite dev server', () => {
  let server: ViteDevServer
  let origin: string

  beforeAll(async () => {
    server = await createServer({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1', hmr: false },
    })
    await server.listen()
    origin = originOf(server.resolvedUrls)
  })
  afterAll(() => server.close())

  it('lets no foreign origin read the API', async () => {
    expect(await foreignReads(origin)).toEqual(FOREIGN_ORIGINS.flatMap(() => [null, null]))
  })

  it('sends the development policy: only refresh preamble, inline styles and ws: added', async () => {
    const response = await fetch(`${origin}/movies/deep/link`)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/)
    expect(csp).toContain("style-src 'self' 'unsafe-inline';")
    expect(csp).toContain("connect-src 'self' ws:;")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('the Vite preview server', () => {
  let server: PreviewServer
  let origin: string
  let outDir: string

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'reel-preview-'))
    await writeFile(join(outDir, 'index.html'), '<!doctype html><div id="root"></div>')
    server = await preview({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1' },
    })
    origin = originOf(server.resolvedUrls)
  })
  afterAll(async () => {
    await server.close()
    await rm(outDir, { recursive: true, force: true })
  })

  it('lets no foreign origin read the API', async () => {
    expect(await foreignReads(origin)).toEqual(FOREIGN_ORIGINS.flatMap(() => [null, null]))
  })

  it('sends the production policy', async () => {
    const response = await fetch(`${origin}/login`)
    expect(response.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy({ mode: 'production' }),
    )
    const callback = await fetch(`${origin}/auth/callback/google?code=x`)
    expect(callback.headers.get('referrer-policy')).toBe('no-referrer')
  })
})
