import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { SourceMapConsumer } from 'source-map-js'
import { ROOT } from '../lib/app-build'
import type { Table } from '../lib/table'

export interface SizeRow {
  what: string
  /** What the figure includes and leaves out. */
  scope: string
  minifiedBytes: number
  gzipBytes: number
  brotliBytes: number
  /** The largest modules of a bundle, by their minified bytes in it (the auth core's only). */
  modules?: { path: string; minifiedBytes: number }[]
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
async function initialScripts(distDir: string): Promise<string[]> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8')
  return [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => join(distDir, match[1] ?? ''))
}

async function initialJavaScript(distDir: string): Promise<SizeRow> {
  const files = await Promise.all((await initialScripts(distDir)).map((file) => readFile(file)))
  return measure(
    'Reel production build, initial JS',
    `${files.length} files: index.html's scripts and modulepreloads`,
    files,
  )
}

/** esbuild, minified ES modules for the browser, everything bundled but `external`. */
async function bundle(contents: string, external: string[]) {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  const meta = Object.values(result.metafile.outputs)[0]
  if (!output || !meta) throw new Error('esbuild produced nothing')
  const modules = Object.entries(meta.inputs)
    .map(([path, input]) => ({ path, minifiedBytes: input.bytesInOutput }))
    .filter((module) => module.minifiedBytes > 0)
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes)
  return { code: output.contents, modules }
}

const AUTH_CORE = `export { createAuthSession } from './src/auth/session'
export { installAuthInterceptor } from './src/auth/interceptor'`

/** How many of the auth core's modules the size table names, largest first. */
const CORE_MODULES_LISTED = 8

const PEERS = [
  { name: 'axios-auth-refresh', external: ['axios'], scope: 'axios external (its peer)' },
  { name: '@auth0/auth0-spa-js', external: [], scope: 'all its dependencies bundled' },
  { name: 'oidc-client-ts', external: [], scope: 'all its dependencies bundled' },
  { name: '@supabase/auth-js', external: [], scope: 'all its dependencies bundled' },
] as const

export async function runSize(distDir: string): Promise<SizeRow[]> {
  const core = await bundle(AUTH_CORE, ['axios', 'zod'])
  const rows = [
    await initialJavaScript(distDir),
    {
      ...measure('Reel auth core', 'session.ts + interceptor.ts; axios and zod external', [
        core.code,
      ]),
      modules: core.modules.slice(0, CORE_MODULES_LISTED),
    },
  ]
  for (const peer of PEERS) {
    const { code } = await bundle(`export * from '${peer.name}'`, [...peer.external])
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
      ...rows.flatMap((row) => (row.modules ? [modulesNote(row)] : [])),
    ],
  }
}

/** Where a bundle's bytes go, by module: minified bytes, since gzip does not split by module. */
function modulesNote(row: SizeRow): string {
  const listed = (row.modules ?? [])
    .map((module) => `\`${module.path}\` ${kb(module.minifiedBytes)}`)
    .join(', ')
  return `${row.what}, its largest modules by minified bytes: ${listed}.`
}

export interface DependencyRow {
  /** An npm package, or "Reel's own code". */
  what: string
  minifiedBytes: number
  /** The package's share of each file's gzip size, by its share of that file's bytes. */
  gzipBytes: number
}

const OWN_CODE = "Reel's own code"

/** `node_modules/@scope/name/…` → `@scope/name`; anything else is the app's own. */
function packageOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)
  return match?.[1] ?? OWN_CODE
}

/** Bytes of a minified file per package, from its source map's mappings. */
function bytesByPackage(code: string, map: SourceMapConsumer): Map<string, number> {
  const lines = code.split('\n')
  const segments: { line: number; column: number; source: string | null }[] = []
  map.eachMapping((mapping) =>
    segments.push({
      line: mapping.generatedLine,
      column: mapping.generatedColumn,
      source: mapping.source,
    }),
  )
  const sizes = new Map<string, number>()
  segments.forEach((segment, index) => {
    const next = segments[index + 1]
    const end =
      next?.line === segment.line
        ? next.column
        : (lines[segment.line - 1]?.length ?? segment.column)
    const what = segment.source === null ? OWN_CODE : packageOf(segment.source)
    sizes.set(what, (sizes.get(what) ?? 0) + end - segment.column)
  })
  return sizes
}

/**
 * What each package costs in the first load: every initial script's bytes attributed through its
 * (hidden) source map, and its gzip size shared out by those bytes.
 */
export async function runEntryComposition(distDir: string): Promise<DependencyRow[]> {
  const rows = new Map<string, DependencyRow>()
  for (const file of await initialScripts(distDir)) {
    const code = await readFile(file, 'utf8')
    const map = await readFile(`${file}.map`, 'utf8').catch(() => null)
    // The bundler's own module loader is emitted without a map.
    const sizes = map
      ? bytesByPackage(code, new SourceMapConsumer(JSON.parse(map)))
      : new Map([["the bundler's runtime", code.length]])
    const mapped = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0)
    const fileGzip = gzip(Buffer.from(code))
    for (const [what, bytes] of sizes) {
      const row = rows.get(what) ?? { what, minifiedBytes: 0, gzipBytes: 0 }
      row.minifiedBytes += bytes
      row.gzipBytes += (fileGzip * bytes) / mapped
      rows.set(what, row)
    }
  }
  return [...rows.values()].sort((a, b) => b.minifiedBytes - a.minifiedBytes)
}

export function entryCompositionTable(rows: readonly DependencyRow[]): Table {
  const total = rows.reduce((sum, row) => sum + row.gzipBytes, 0)
  return {
    title: '5. Size: the first load by package (KB = 1024 bytes)',
    headers: ['package', 'minified', 'gzip (share)', 'of the first load'],
    rows: rows.map((row) => [
      row.what,
      kb(row.minifiedBytes),
      kb(row.gzipBytes),
      `${((100 * row.gzipBytes) / total).toFixed(1)} %`,
    ]),
    notes: [
      "Each initial script's bytes are attributed to a package through the build's hidden source maps; a package's gzip figure is its share of each file's gzip size by bytes, an estimate (gzip does not split exactly).",
    ],
  }
}
