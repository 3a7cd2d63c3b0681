import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { ROOT } from '../lib/app-build'
import type { Table } from '../lib/table'

export interface SizeRow {
  what: string
  /** What the figure includes and leaves out. */
  scope: string
  minifiedBytes: number
  gzipBytes: number
  brotliBytes: number
}

const gzip = (code: Uint8Array) => gzipSync(code, { level: 9 }).length
const brotli = (code: Uint8Array) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

/** Each file compressed on its own, as each is served, and the sizes summed. */
function measure(what: string, scope: string, files: readonly Uint8Array[]): SizeRow {
  const sum = (f: (code: Uint8Array) => number) => files.reduce((total, code) => total + f(code), 0)
  return {
    what,
    scope,
    minifiedBytes: sum((code) => code.length),
    gzipBytes: sum(gzip),
    brotliBytes: sum(brotli),
  }
}

/** The scripts and module preloads the built index.html loads before anything else. */
async function initialJavaScript(distDir: string): Promise<SizeRow> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8')
  const sources = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1] ?? '')
  const files = await Promise.all(sources.map((source) => readFile(join(distDir, source))))
  return measure(
    'Reel production build, initial JS',
    `${files.length} files: index.html's scripts and modulepreloads`,
    files,
  )
}

/** esbuild, minified ES modules for the browser, everything bundled but `external`. */
async function bundle(contents: string, external: string[]): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    write: false,
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (!output) throw new Error('esbuild produced nothing')
  return output.contents
}

const AUTH_CORE = `export { createAuthSession } from './src/auth/session'
export { installAuthInterceptor } from './src/auth/interceptor'`

const PEERS = [
  { name: 'axios-auth-refresh', external: ['axios'], scope: 'axios external (its peer)' },
  { name: '@auth0/auth0-spa-js', external: [], scope: 'all its dependencies bundled' },
  { name: 'oidc-client-ts', external: [], scope: 'all its dependencies bundled' },
  { name: '@supabase/auth-js', external: [], scope: 'all its dependencies bundled' },
] as const

export async function runSize(distDir: string): Promise<SizeRow[]> {
  const rows = [
    await initialJavaScript(distDir),
    measure('Reel auth core', 'session.ts + interceptor.ts; axios and zod external', [
      await bundle(AUTH_CORE, ['axios', 'zod']),
    ]),
  ]
  for (const peer of PEERS) {
    const code = await bundle(`export * from '${peer.name}'`, [...peer.external])
    rows.push(measure(peer.name, peer.scope, [code]))
  }
  return rows
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export function sizeTable(rows: readonly SizeRow[]): Table {
  return {
    title: '5. Size: minified, gzip -9 and brotli -q 11 (KB = 1024 bytes)',
    headers: ['what', 'scope', 'minified', 'gzip', 'brotli'],
    rows: rows.map((row) => [
      row.what,
      row.scope,
      kb(row.minifiedBytes),
      kb(row.gzipBytes),
      kb(row.brotliBytes),
    ]),
    notes: [
      'Peers: `export * from <package>` bundled by esbuild (minified ES module for the browser), so the whole package counts; the auth core is measured the same way with axios and zod external, because the app ships both anyway.',
    ],
  }
}
