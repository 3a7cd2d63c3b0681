/**
 * `npm run bench`: every scenario in one run on this machine, one table each, and
 * bench/results.json. Name scenarios to run only those (`npm run bench -- burst tabs`); a partial
 * run writes bench/.out/results.json instead, so the committed figures always come from a full run.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { evaluateGoals, goalsTable } from './goals'
import { buildApp, ROOT, startPreview } from './lib/app-build'
import { launchChromium } from './lib/browser'
import { labClient, startMockHost } from './lib/mock-host'
import { elapsedSeconds, progress } from './lib/progress'
import { renderTable, type Table } from './lib/table'
import { PEERS } from './clients'
import { profileBurst } from './scenarios/burst-profile'
import { burstTable, LAB_SETTINGS, runBurst, type BurstRow } from './scenarios/burst'
import { coldStartTable, runColdStart } from './scenarios/cold-start'
import { faultsTable } from './scenarios/faults'
import { lateJoinersTable, runLateJoiners } from './scenarios/late-joiners'
import { runLighthouse } from './scenarios/lighthouse'
import { lighthouseTable } from './scenarios/lighthouse-table'
import { overheadTable, runOverhead, type OverheadRow } from './scenarios/overhead'
import {
  entryCompositionTable,
  runEntryComposition,
  runSize,
  sizeTable,
  type SizeRow,
} from './scenarios/size'
import { runSoak, soakTable, type SoakResult } from './scenarios/soak'
import { populationPassed, populationTable } from './scenarios/population'
import { stackTable } from './scenarios/stack'
import { runTabs, tabsTable, type TabsRow } from './scenarios/tabs'
import { keptStackFigures, mergeIntoResults } from './stack/results'
import { runServerSuite } from './stack/suite'

const SCENARIOS = [
  'burst',
  'late-joiners',
  'overhead',
  'tabs',
  'size',
  'cold-start',
  'soak',
  'stack',
  'population',
  'lighthouse',
  'faults',
  'server',
] as const
type Scenario = (typeof SCENARIOS)[number]

// The crowd's flags, for population, faults and server: `npm run bench -- server
// --population-minutes 2 --browsers 100`; and `npm run bench -- burst --profile`, which profiles
// one burst instead of measuring them all.
const { values: flags, positionals: asked } = parseArgs({
  allowPositionals: true,
  options: {
    profile: { type: 'boolean', default: false },
    'population-minutes': { type: 'string', default: '10' },
    browsers: { type: 'string', default: '200' },
  },
})
const positive = (name: 'population-minutes' | 'browsers') => {
  const value = Number(flags[name])
  if (!(value > 0)) {
    console.error(`--${name} must be a positive number, not ${flags[name]}`)
    process.exit(2)
  }
  return value
}
const unknown = asked.filter((name) => !SCENARIOS.some((scenario) => scenario === name))
if (unknown.length > 0) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}. Choose from: ${SCENARIOS.join(', ')}`)
  process.exit(2)
}
// A profile replaces the burst's figures, so it never stands in for them in a full run's results.
if (flags.profile && !asked.includes('burst')) {
  console.error('--profile profiles the burst: npm run bench -- burst --profile')
  process.exit(2)
}
/** The production stack's scenarios, each under its own key of bench/results.json. */
const STACK_KEYS = ['stack', 'population', 'faults'] as const
/**
 * They run only when named, since they bring up PostgreSQL, nginx and Django; `server` names
 * all three, which then share one stack and one crowd of browsers.
 */
const STACK_SCENARIOS: readonly Scenario[] = [...STACK_KEYS, 'server']
const runs = (scenario: Scenario) =>
  asked.includes(scenario) || (asked.length === 0 && !STACK_SCENARIOS.includes(scenario))
const complete = asked.length === 0

const OUT = join(ROOT, 'bench/.out')
const DIST_REEL = join(OUT, 'dist-reel')
const DIST_PER_TAB = join(OUT, 'dist-per-tab')
/** Ports 4180–4189 are the benchmark's; 4173–4179 belong to dev, preview and e2e runs. */
const PORTS = { reel: 4180, perTab: 4181, production: 4182 } as const
const BUILD_NAMES = { reel: 'Reel (cross-tab on)', perTab: 'per-tab baseline (cross-tab off)' }

/**
 * The commit measured, and whether the tree differed from it (the bench builds the tree). The
 * bench's own outputs do not count: a run after another finds them rewritten, not the code.
 */
const BENCH_OUTPUTS = ['bench/results.json', 'bench/README.md', 'README.md']
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT }).toString().trim()
const changed = git('status', '--porcelain', '--', '.', ...BENCH_OUTPUTS.map((f) => `:!${f}`))
const source = `${git('rev-parse', '--short', 'HEAD')}${changed ? '-dirty' : ''}`

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
}
progress(
  `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`,
)

const tables: Table[] = []
const results: Record<string, unknown> = {}
let burst: BurstRow[] = []
let overhead: OverheadRow[] = []
let tabs: TabsRow[] = []
let size: SizeRow[] = []
let soak: SoakResult | null = null

if (runs('tabs') || runs('size') || runs('cold-start') || runs('soak') || runs('lighthouse')) {
  progress('building the app')
  await buildApp(DIST_REEL, { crossTab: true })
}
if (runs('tabs')) {
  progress('building the per-tab baseline (cross-tab off)')
  await buildApp(DIST_PER_TAB, { crossTab: false })
}

// First, while nothing else runs: the in-process overhead is the most sensitive to noise.
if (runs('overhead')) {
  overhead = await runOverhead()
  results.overhead = overhead
  tables.push(overheadTable(overhead))
}

if (runs('burst') || runs('late-joiners')) {
  const host = await startMockHost()
  try {
    const lab = labClient(host.origin)
    if (runs('burst') && flags.profile) {
      tables.push(...(await profileBurst(host.origin, lab, PEERS, OUT)))
    } else if (runs('burst')) {
      burst = await runBurst(host.origin, lab)
      results.burst = burst
      tables.unshift(burstTable(burst))
    }
    if (runs('late-joiners')) {
      const rows = await runLateJoiners(host.origin, lab)
      results.lateJoiners = rows
      tables.push(lateJoinersTable(rows))
    }
  } finally {
    await host.stop()
  }
}

if (runs('tabs') || runs('cold-start') || runs('soak')) {
  const reel = await startPreview(DIST_REEL, PORTS.reel)
  const perTab = runs('tabs') ? await startPreview(DIST_PER_TAB, PORTS.perTab) : null
  const browser = await launchChromium()
  try {
    if (perTab) {
      tabs = await runTabs(browser, [
        { name: BUILD_NAMES.reel, origin: reel.origin, lab: labClient(reel.origin) },
        { name: BUILD_NAMES.perTab, origin: perTab.origin, lab: labClient(perTab.origin) },
      ])
      results.tabs = tabs
      tables.push(tabsTable(tabs))
    }
    if (runs('cold-start')) {
      const figures = await runColdStart(browser, reel.origin, labClient(reel.origin))
      results.coldStart = figures
      tables.push(coldStartTable(figures))
    }
    // Last: the longest by far, and nothing else needs the browser afterwards.
    if (runs('soak')) {
      soak = await runSoak(browser, reel.origin, labClient(reel.origin))
      results.soak = soak
      tables.push(soakTable(soak))
    }
  } finally {
    await browser.close()
    await reel.stop()
    await perTab?.stop()
  }
}

if (runs('size')) {
  progress('size')
  size = await runSize(DIST_REEL)
  results.size = size
  tables.push(sizeTable(size))
  const byPackage = await runEntryComposition(DIST_REEL)
  results.sizeByPackage = byPackage
  tables.push(entryCompositionTable(byPackage))
}

// The stack's figures go under their own keys of bench/results.json (bench/stack/results.ts).
const stackFigures: Record<string, unknown> = {}
const measured = () => ({
  source,
  generatedAt: new Date().toISOString(),
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
})
const inSuite = (key: (typeof STACK_KEYS)[number]) => runs(key) || runs('server')
if (STACK_KEYS.some(inSuite)) {
  const crowdRuns = inSuite('population') || inSuite('faults')
  const suite = await runServerSuite({
    stack: inSuite('stack'),
    crowd: crowdRuns
      ? {
          browsers: Math.round(positive('browsers')),
          populationSec: positive('population-minutes') * 60,
          faults: inSuite('faults'),
        }
      : null,
  })
  const phaseSec = suite.phaseSec
  const runSec = elapsedSeconds()
  const measuredIn = (...phases: string[]) => ({
    ...measured(),
    phaseSec: phases.reduce((sum, phase) => sum + (phaseSec[phase] ?? 0), 0),
    runSec,
    phasesSec: phaseSec,
  })
  if (suite.stack) {
    const figures = { ...suite.stack, measured: measuredIn('stack') }
    stackFigures.stack = figures
    tables.push(stackTable(figures))
  }
  // A population run only as the faults' baseline keeps the committed population's figures.
  if (suite.population && inSuite('population')) {
    const figures = { ...suite.population, measured: measuredIn('sign-in', 'population') }
    stackFigures.population = figures
    tables.push(populationTable(figures))
  }
  if (suite.faults) {
    const figures = { ...suite.faults, measured: measuredIn('faults') }
    stackFigures.faults = figures
    tables.push(faultsTable(figures))
  }
  // A failed request, a lost session or a fault that did either is a failed test, not a footnote.
  const passed =
    (!suite.population || populationPassed(suite.population)) &&
    (!suite.faults || suite.faults.passed)
  if (!passed) process.exitCode = 1
  const phases = Object.entries(phaseSec).map(([phase, sec]) => `${phase} ${sec.toFixed(0)} s`)
  progress(`stack suite: ${phases.join(', ')}; ${runSec.toFixed(0)} s in all`)
}
if (Object.keys(stackFigures).length > 0) {
  progress(`stack figures merged into ${await mergeIntoResults(stackFigures)}`)
}

if (runs('lighthouse')) {
  const rows = await runLighthouse(DIST_REEL, PORTS.production)
  const table = lighthouseTable(rows)
  // Its own run's facts beside the figures: a Lighthouse-only run updates this key alone.
  results.lighthouse = {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench -- lighthouse',
    source,
    machine,
    pages: rows,
    table: renderTable(table),
  }
  tables.push(table)
}

// Scenario order in the output, whatever order they ran in.
const order = ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.', '11.']
tables.sort(
  (a, b) =>
    order.findIndex((p) => a.title.startsWith(p)) - order.findIndex((p) => b.title.startsWith(p)),
)

if (complete) {
  const goals = evaluateGoals({ burst, overhead, tabs, size, soak, reelBuild: BUILD_NAMES.reel })
  results.goals = goals
  tables.push(goalsTable(goals))
}

const durationSec = Math.round(elapsedSeconds())
const report = {
  generatedAt: new Date().toISOString(),
  command: complete ? 'npm run bench' : `npm run bench -- ${asked.join(' ')}`,
  source,
  durationSec,
  machine: { ...machine, loadAverageAtEnd: loadavg().map((load) => Number(load.toFixed(2))) },
  settings: { lab: LAB_SETTINGS },
  ...results,
  ...(complete ? await keptStackFigures(STACK_KEYS) : {}),
  tables: tables.map(renderTable),
}
const file = complete ? join(ROOT, 'bench/results.json') : join(OUT, 'results.json')
await mkdir(OUT, { recursive: true })
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
// Lighthouse's figures are the committed ones whenever it runs: they depend on the pages, not on
// the other scenarios, so they replace the committed file's `lighthouse` key and nothing else.
if (!complete && results.lighthouse) await mergeIntoResults({ lighthouse: results.lighthouse })

console.log(tables.map(renderTable).join('\n\n'))
progress(`done in ${durationSec} s; figures in ${file}`)
