/**
 * `npm run figures`: rewrites every block between `<!-- figures:NAME -->` and
 * `<!-- /figures:NAME -->` in the pages that quote benchmark figures, from bench/results.json, so
 * no number in the docs is typed by hand. The tables are drawn by the same functions that print
 * them when the bench runs; a test holds the committed pages to what this script would write.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { goalsTable, type Goal } from '../bench/goals'
import type { Summary } from '../bench/lib/stats'
import { measuredNote } from '../bench/lib/measured'
import { renderTable, type Table } from '../bench/lib/table'
import { burstTable, type BurstRow } from '../bench/scenarios/burst'
import { coldStartTable } from '../bench/scenarios/cold-start'
import { failuresByStatus, faultsTable, type FaultsResult } from '../bench/scenarios/faults'
import { lateJoinersTable, type LateJoinersRow } from '../bench/scenarios/late-joiners'
import { lighthouseTable, type LighthouseRow } from '../bench/scenarios/lighthouse-table'
import { overheadTable, type OverheadRow } from '../bench/scenarios/overhead'
import { populationTable } from '../bench/scenarios/population'
import {
  entryCompositionTable,
  sizeTable,
  type DependencyRow,
  type SizeRow,
} from '../bench/scenarios/size'
import { soakTable, type SoakResult } from '../bench/scenarios/soak'
import { stackTable, type StackResult } from '../bench/scenarios/stack'
import { tabsTable, type TabsRow } from '../bench/scenarios/tabs'
import type { PopulationResult } from '../bench/stack/population'

/** The pages that hold figures blocks, relative to the repository root. */
export const FIGURE_PAGES = ['README.md', 'bench/README.md'] as const

/**
 * bench/results.json as bench/run.ts writes it from these same row types. Every key may be
 * absent: a partial run, or an older file from before a scenario existed.
 */
export interface BenchResults {
  generatedAt?: string
  command?: string
  source?: string
  durationSec?: number
  machine?: {
    cpus: number
    cpuModel: string
    node: string
    platform: string
    loadAverageAtStart?: number[]
  }
  burst?: BurstRow[]
  lateJoiners?: LateJoinersRow[]
  overhead?: OverheadRow[]
  tabs?: TabsRow[]
  coldStart?: Record<string, Summary>
  soak?: SoakResult
  size?: SizeRow[]
  sizeByPackage?: DependencyRow[]
  goals?: Goal[]
  /** The production stack's scenarios, each from a run of its own (`npm run bench -- faults`). */
  stack?: StackResult
  population?: PopulationResult
  faults?: FaultsResult
  /** From a run of its own (`npm run bench -- lighthouse`), with its own commit and machine. */
  lighthouse?: {
    generatedAt: string
    command: string
    source?: string
    machine: NonNullable<BenchResults['machine']>
    pages: LighthouseRow[]
  }
}

/** Markdown for one block, or null when results.json has nothing for it. */
type Renderer = (results: BenchResults) => string | null

const table = (drawn: Table) => renderTable(drawn)
const KB = 1024
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`
// Three decimals: the overhead goal is 1.05×, and a miss by a fraction of a percent must show.
const times = (ratio: number) => `${ratio.toFixed(3)}×`
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, n) => a + n, 0)

/** Where and from what the figures came: the commit, the machine, the command. */
function runLine(results: BenchResults): string | null {
  const { machine, source, generatedAt, command, durationSec } = results
  if (!machine) return null
  const commit = source ? `commit \`${source}\`` : 'commit unknown'
  const date = generatedAt ? generatedAt.slice(0, 10) : 'date unknown'
  const load = machine.loadAverageAtStart
    ? `, load average ${machine.loadAverageAtStart.join(' ')} at the start`
    : ''
  const took = durationSec === undefined ? '' : ` The run took ${durationSec} s.`
  return (
    `Measured at ${commit} on ${date} with \`${command ?? 'npm run bench'}\`: ` +
    `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}${load}.${took}`
  )
}

/** The front page's few numbers, each beside the baseline of the same run. */
function headline(results: BenchResults): string | null {
  const rows: string[][] = []
  const burst = (client: string) =>
    results.burst?.find(
      (row) => row.n === 1000 && row.connections === 'six' && row.client === client,
    )
  const reelBurst = burst('Reel')
  const naiveBurst = burst('naive: refresh on every 401')
  if (reelBurst && naiveBurst) {
    const calls = (row: BurstRow) =>
      `refresh calls ${row.figures.refreshCalls?.median}, failed ${row.figures.failed?.median}`
    rows.push([
      '1000 requests meet an expired token (6 sockets)',
      calls(reelBurst),
      `naive interceptor: ${calls(naiveBurst)}`,
    ])
  }
  const tabs = (build: string) =>
    results.tabs?.find((row) => row.k === 10 && row.build.startsWith(build))
  const reelTabs = tabs('Reel')
  const perTab = tabs('per-tab')
  if (reelTabs && perTab) {
    const calls = (row: TabsRow) =>
      `refresh calls ${row.figures.refreshCalls?.median}, reuse detections ${row.figures.reuseDetections?.median}`
    rows.push([
      '10 tabs meet an expired token at once',
      calls(reelTabs),
      `refresh per tab (cross-tab off): ${calls(perTab)}`,
    ])
  }
  const [bare, reel] = ['bare axios (baseline)', 'Reel'].map((client) =>
    results.overhead?.find((row) => row.client === client),
  )
  if (bare && reel) {
    const cpu = (row: OverheadRow) => `${row.figures.microseconds?.median.toFixed(1)} µs`
    rows.push([
      'CPU per request with a valid token',
      `${cpu(reel)} (${times(reel.figures.ratio?.median ?? NaN)})`,
      `bare axios: ${cpu(bare)}`,
    ])
  }
  if (results.soak) {
    const { soak } = results
    rows.push([
      `${soak.tabs.length} tabs clicking for ${soak.durationSec} s on ${soak.tokenLifetimeSec} s tokens`,
      `${soak.refreshesPerLifetime.toFixed(2)} refreshes per token lifetime, reuse detections ${soak.reuseDetections}`,
      'goal: at most 2 (one schedule shared by every tab)',
    ])
  }
  const sized = (what: string) => results.size?.find((row) => row.what === what)
  const [core, oidc] = [sized('Reel auth core'), sized('oidc-client-ts')]
  if (core && oidc) {
    rows.push(['auth core, gzip', kb(core.gzipBytes), `oidc-client-ts: ${kb(oidc.gzipBytes)}`])
  }
  const initial = sized('Reel production build, initial JS')
  const reactDom = results.sizeByPackage?.find((row) => row.what === 'react-dom')
  if (initial && reactDom) {
    rows.push([
      'first load (initial JavaScript), gzip',
      kb(initial.gzipBytes),
      `react-dom alone: ${kb(reactDom.gzipBytes)}`,
    ])
  }
  if (rows.length === 0) return null
  const run = runLine(results)
  return [
    table({ title: '', headers: ['measured', 'Reel', 'beside it, same run'], rows }).replace(
      /^### \n\n/,
      '',
    ),
    ...(run ? ['', run] : []),
  ].join('\n')
}

/** The front page's few lines on the production stack: load, a population, and its faults. */
function stackHeadline(results: BenchResults): string | null {
  const rows: string[][] = []
  const { stack, population, faults } = results
  const rate = (path: string, endpoint: string) =>
    stack?.rows.find((row) => row.path === path && row.endpoint === endpoint)
  const me = rate('nginx (HTTPS)', 'GET /api/me')
  const jwks = rate('nginx (HTTPS)', '/api/.well-known/jwks.json')
  if (me && jwks) {
    rows.push([
      `GET /api/me through nginx, ${stack?.connections} connections`,
      `${me.figures.requestsPerSec.toFixed(0)} requests/s`,
      `the public keys, same path: ${jwks.figures.requestsPerSec.toFixed(0)} requests/s`,
    ])
  }
  if (population) {
    const failed = total(population.failedByStatus)
    rows.push([
      `${population.browsers} browsers for ${population.durationSec / 60} min`,
      `${population.sessionsLost} sessions lost, ${population.reuseDetections} reuse detections`,
      `${failed} failed of ${population.requests + population.refreshes} requests and refreshes`,
    ])
  }
  const [baseline, ...injected] = faults?.faults ?? []
  for (const fault of injected) {
    const verdict = fault.violations.length > 0 ? 'FAIL' : 'pass'
    const recovered =
      total(fault.failedByStatus) === 0
        ? ''
        : `, every browser served again in ${fault.recoverySec?.toFixed(1) ?? 'never'} s`
    rows.push([
      `${fault.fault}, ${faults?.browsers} browsers`,
      `${verdict}: failed ${failuresByStatus(fault.failedByStatus)}, ${fault.sessionsLost} sessions lost${recovered}`,
      `quiet time before the faults: failed ${failuresByStatus(baseline?.failedByStatus ?? {})}`,
    ])
  }
  if (rows.length === 0) return null
  // Each part may come from a run of its own: every commit and command measured is named once.
  const notes = [stack?.measured, population?.measured, faults?.measured].flatMap(measuredNote)
  return table({
    title: '',
    headers: ['on the production stack', 'Reel', 'beside it, same run'],
    rows,
    notes: [...new Set(notes)],
  }).replace(/^### \n\n/, '')
}

/**
 * One renderer per block name. A new key in results.json gets its block by adding a function
 * here and a pair of markers where it should show.
 */
export const RENDERERS: Record<string, Renderer> = {
  run: runLine,
  headline,
  burst: (r) => (r.burst ? table(burstTable(r.burst)) : null),
  lateJoiners: (r) => (r.lateJoiners ? table(lateJoinersTable(r.lateJoiners)) : null),
  overhead: (r) => (r.overhead ? table(overheadTable(r.overhead)) : null),
  tabs: (r) => (r.tabs ? table(tabsTable(r.tabs)) : null),
  size: (r) => (r.size ? table(sizeTable(r.size)) : null),
  sizeByPackage: (r) => (r.sizeByPackage ? table(entryCompositionTable(r.sizeByPackage)) : null),
  coldStart: (r) => (r.coldStart ? table(coldStartTable(r.coldStart)) : null),
  soak: (r) => (r.soak ? table(soakTable(r.soak)) : null),
  goals: (r) => (r.goals ? table(goalsTable(r.goals)) : null),
  stackHeadline,
  stack: (r) => (r.stack ? table(stackTable(r.stack)) : null),
  population: (r) => (r.population ? table(populationTable(r.population)) : null),
  faults: (r) => (r.faults ? table(faultsTable(r.faults)) : null),
  lighthouse: (r) =>
    r.lighthouse
      ? `${table(lighthouseTable(r.lighthouse.pages))}\n\n${runLine(r.lighthouse) ?? ''}`
      : null,
}

const NOT_MEASURED = '_Not in bench/results.json: the last full run did not measure this._'
const BLOCK = /(<!-- figures:([\w-]+) -->)[\s\S]*?(<!-- \/figures:\2 -->)/g

/**
 * `markdown` with every figures block drawn afresh from `results`, formatted as the repository's
 * Prettier settings would leave it. An unknown block name is an error, so a misspelt marker is
 * not silently left stale.
 */
export async function withFigures(
  markdown: string,
  results: BenchResults,
  filepath: string,
): Promise<string> {
  const drawn = markdown.replace(BLOCK, (_block, open: string, name: string, close: string) => {
    const render = RENDERERS[name]
    if (!render) throw new Error(`${filepath}: no renderer for the figures block "${name}"`)
    return `${open}\n\n${render(results) ?? NOT_MEASURED}\n\n${close}`
  })
  const options = (await resolveConfig(filepath)) ?? {}
  return format(drawn, { ...options, filepath })
}

export async function readResults(root: string): Promise<BenchResults> {
  const text = await readFile(join(root, 'bench/results.json'), 'utf8')
  return JSON.parse(text) as BenchResults
}

/** Keys of results.json that describe the run rather than hold a scenario's figures. */
const RUN_KEYS = new Set(['generatedAt', 'command', 'source', 'durationSec', 'machine', 'settings'])
/** Kept by bench/run.ts for the terminal; the blocks draw from the figures themselves. */
const PRINTED_KEYS = new Set(['tables'])

/** Scenario keys no block can show yet: each wants a renderer above and a pair of markers. */
export function keysWithoutRenderer(results: BenchResults): string[] {
  return Object.keys(results).filter(
    (key) => !RUN_KEYS.has(key) && !PRINTED_KEYS.has(key) && !(key in RENDERERS),
  )
}

async function main(root: string): Promise<void> {
  const results = await readResults(root)
  const unshown = keysWithoutRenderer(results)
  if (unshown.length > 0) {
    console.warn(`bench/results.json keys no block shows yet: ${unshown.join(', ')}`)
  }
  for (const page of FIGURE_PAGES) {
    const path = join(root, page)
    const before = await readFile(path, 'utf8')
    const after = await withFigures(before, results, path)
    if (after !== before) await writeFile(path, after)
    console.log(after === before ? `${page}: up to date` : `${page}: figures rewritten`)
  }
}

if (process.argv[1]?.endsWith('write-figures.mjs')) await main(process.cwd())
