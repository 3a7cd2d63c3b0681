import { readFile, writeFile } from 'node:fs/promises'
import { Session, type Profiler } from 'node:inspector/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { REEL, type ClientSpec } from '../clients'
import type { Lab } from '../lib/mock-host'
import { progress } from '../lib/progress'
import type { Table } from '../lib/table'
import { burstOnce } from './burst'

/** The peer most tutorials copy: one refresh, a queue, and the failed request's config replayed. */
const PEER_ID = 'tutorial'
const N = 1000
/** Bursts profiled per client, clients in turn: one burst's samples are few on a busy machine. */
const REPEATS = 3
const TOP = 15
const SAMPLING_INTERVAL_US = 100

/** One line of this bundle, and the module esbuild took it from. */
interface BundleLine {
  text: string
  module: string | null
}

/**
 * This bundle (bench/.out/run.mjs) line by line: esbuild heads every module it inlines with a
 * `// path` comment, so Reel's code and the peers' are told apart by line.
 */
async function readBundle(): Promise<BundleLine[]> {
  let module: string | null = null
  return (await readFile(fileURLToPath(import.meta.url), 'utf8')).split('\n').map((text) => {
    module = /^\/\/ ((?:src|bench|contract)\/\S+)$/.exec(text)?.[1] ?? module
    return { text: text.trim(), module }
  })
}

/** `…/node_modules/axios/lib/…` → `axios`; a line of this bundle → the module it came from. */
function placeOf(frame: Profiler.ProfileNode['callFrame'], bundle: readonly BundleLine[]): string {
  if (frame.url === '') return '(V8)'
  if (frame.url.startsWith('node:')) return 'node'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url)
  if (pkg?.[1]) return pkg[1]
  if (frame.url !== import.meta.url) return frame.url
  return bundle[frame.lineNumber]?.module ?? 'bench'
}

/** Milliseconds by key, summed over the profiles of one client. */
type Totals = Map<string, number>
const add = <Key>(totals: Map<Key, number>, key: Key, ms: number) =>
  totals.set(key, (totals.get(key) ?? 0) + ms)

/**
 * Adds a profile's self time by where the code lives and by function, and the time of each line
 * of Reel's own modules (from V8's per-line ticks). Each sample counts one sampling interval, not
 * its gap to the next: on a busy machine that gap includes whole time slices the process was not
 * running, which would land on whichever line happened to be sampled before.
 */
function addProfile(
  profile: Profiler.Profile,
  bundle: readonly BundleLine[],
  into: { places: Totals; functions: Totals; ownLines: Totals },
): void {
  const selfMs = new Map<number, number>()
  for (const id of profile.samples ?? []) add(selfMs, id, SAMPLING_INTERVAL_US / 1000)
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0
    const place = placeOf(node.callFrame, bundle)
    add(into.places, place, ms)
    add(into.functions, `${node.callFrame.functionName || '(anonymous)'} · ${place}`, ms)
    if (!place.startsWith('src/')) continue
    const ticks = node.positionTicks ?? []
    const total = ticks.reduce((sum, tick) => sum + tick.ticks, 0)
    for (const tick of ticks) {
      const line = bundle[tick.line - 1]?.text ?? ''
      add(into.ownLines, `${place}: ${line.slice(0, 90)}`, (ms * tick.ticks) / total)
    }
  }
}

const ms = (value: number | undefined) => (value ?? 0).toFixed(1)
const top = (totals: Totals) => [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP)

/**
 * `npm run bench -- burst --profile`: bursts of N = 1000 on unlimited sockets through Reel and
 * through the tutorial peer, in turn, under V8's sampling profiler in this process (the mock
 * backend runs in its own), after one unprofiled warm-up each. Writes every .cpuprofile (open one
 * in Chrome DevTools) and returns where each client spent its CPU, and the costliest lines of
 * Reel's own code.
 */
export async function profileBurst(
  origin: string,
  lab: Lab,
  peers: readonly ClientSpec[],
  outDir: string,
): Promise<Table[]> {
  const peer = peers.find((spec) => spec.id === PEER_ID)
  if (!peer) throw new Error(`no peer ${PEER_ID}`)
  const clients = [REEL, peer]
  const bundle = await readBundle()
  const totals = new Map(
    clients.map((spec) => [spec, { places: new Map(), functions: new Map(), ownLines: new Map() }]),
  )
  const walls: string[] = []
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US })
    for (const spec of clients) {
      progress(`profile: warm-up, ${spec.name}`)
      await burstOnce(spec, N, 'unlimited', origin, lab)
    }
    for (let repeat = 1; repeat <= REPEATS; repeat++) {
      for (const spec of clients) {
        progress(`profile: N=${N}, ${spec.name}, run ${repeat}/${REPEATS}`)
        await session.post('Profiler.start')
        const run = await burstOnce(spec, N, 'unlimited', origin, lab)
        const { profile } = await session.post('Profiler.stop')
        const file = join(outDir, `burst-${spec.id}-${repeat}.cpuprofile`)
        await writeFile(file, JSON.stringify(profile))
        walls.push(`${spec.name}, run ${repeat}: wall ${run.wallMs.toFixed(0)} ms, ${file}`)
        const into = totals.get(spec)
        if (into) addProfile(profile, bundle, into)
      }
    }
  } finally {
    session.disconnect()
  }
  const of = (spec: ClientSpec) => totals.get(spec) ?? { places: new Map(), functions: new Map() }
  const places = [...new Set(clients.flatMap((spec) => [...of(spec).places.keys()]))]
  return [
    {
      title: `Burst profile: CPU by where the code lives, ${REPEATS} bursts of N = ${N}, ∞ sockets`,
      headers: ['code', ...clients.map((spec) => `${spec.name}, ms`)],
      rows: places
        .map((place) => [place, ...clients.map((spec) => ms(of(spec).places.get(place)))])
        .sort((a, b) => Number(b[1]) - Number(a[1])),
      notes: [
        '(idle) is time spent waiting for the mock backend, which runs in a process of its own.',
        ...walls,
      ],
    },
    ...clients.map((spec) => ({
      title: `Burst profile: top ${TOP} functions by self time, ${spec.name}`,
      headers: ['self ms', 'function · where'],
      rows: top(of(spec).functions).map(([name, time]) => [ms(time), name]),
    })),
    {
      title: `Burst profile: top ${TOP} lines of Reel's own code`,
      headers: ['ms', 'line'],
      rows: top(totals.get(REEL)?.ownLines ?? new Map()).map(([line, time]) => [ms(time), line]),
    },
  ]
}
