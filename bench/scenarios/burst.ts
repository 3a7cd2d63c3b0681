import { CONTROL, EXPIRY_JUMP_SEC, PEERS, REEL, REEL_OWN_CLOCK, type ClientSpec } from '../clients'
import type { Lab } from '../lib/mock-host'
import { progress } from '../lib/progress'
import { createSamples, formatSummary, type Figures } from '../lib/stats'
import type { Table } from '../lib/table'
import { createWire, REQUEST_ID, type Connections } from '../lib/transport'

/**
 * The lab settings of every networked scenario: fixed latencies, and HS256 because the mock
 * spends milliseconds of CPU per request on its own, ES256 verification included; the cheaper
 * signature leaves more of each round trip to the fixed latency, the same for every client.
 */
export const LAB_SETTINGS = { latencyMs: 20, refreshLatencyMs: 50, signingAlg: 'HS256' } as const

export const SIZES = [10, 100, 1000] as const
const CONNECTIONS: readonly Connections[] = ['unlimited', 'six']
export const BURST_CLIENTS: readonly ClientSpec[] = [CONTROL, REEL, REEL_OWN_CLOCK, ...PEERS]

const METRICS = [
  'wallMs',
  'ratio',
  'refreshCalls',
  'reuseDetections',
  'failed',
  'maxSends',
] as const

export interface BurstRow {
  n: number
  connections: Connections
  client: string
  figures: Figures
}

export interface RunFigures {
  wallMs: number
  refreshCalls: number
  reuseDetections: number
  failed: number
  maxSends: number
}

/**
 * One client, one burst: sign in, let the server's clock run past the token's expiry, then fire
 * `n` requests at once and wait for every one to settle. The control instead sends them with a
 * valid token and then times one refresh, which is what an ideal client would add.
 */
export async function burstOnce(
  spec: ClientSpec,
  n: number,
  connections: Connections,
  origin: string,
  lab: Lab,
): Promise<RunFigures> {
  await lab.reset()
  await lab.configure(LAB_SETTINGS)
  const wire = createWire(connections)
  const client = spec.create(origin, wire)
  try {
    await client.signIn()
    if (!client.refreshOnce) {
      await lab.configure({ serverClockSkewSec: EXPIRY_JUMP_SEC })
      client.expireLocally?.()
    }
    const started = performance.now()
    const outcomes = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        client.api.get('/me', { headers: { [REQUEST_ID]: `r${i}` } }),
      ),
    )
    let wallMs = performance.now() - started
    if (client.refreshOnce) {
      const refreshStarted = performance.now()
      await client.refreshOnce()
      wallMs += performance.now() - refreshStarted
    }
    const stats = await lab.stats()
    return {
      wallMs,
      refreshCalls: stats.refreshCalls,
      reuseDetections: stats.reuseDetections,
      failed: outcomes.filter((outcome) => outcome.status === 'rejected').length,
      maxSends: wire.log.maxSends(),
    }
  } finally {
    client.dispose()
    wire.agent.destroy()
  }
}

/**
 * Repeats by burst size. The small bursts take a tenth of a second and their clients differ by
 * a few milliseconds, about as much as one run differs from the next, so only many runs make
 * their medians comparable. Where one run takes seconds, fewer do, but not three: a run's control
 * swings by half its median even at N = 1000, and Reel is judged against the smallest median of
 * several peers, which three runs leave to luck when the peers run alike. Five there, and eleven
 * at N = 100, cost about four minutes more. Every figure is a median with its range.
 */
const REPEATS: Readonly<Record<(typeof SIZES)[number], number>> = { 10: 15, 100: 11, 1000: 5 }

export async function runBurst(origin: string, lab: Lab) {
  // A cold server (and a cold client) makes whoever runs first look slow: one unrecorded run each.
  progress('burst warm-up')
  for (const spec of BURST_CLIENTS) await burstOnce(spec, 100, 'unlimited', origin, lab)
  const rows: BurstRow[] = []
  for (const n of SIZES) {
    for (const connections of CONNECTIONS) {
      const repeats = REPEATS[n]
      const runs = BURST_CLIENTS.map((spec) => ({ spec, samples: createSamples(METRICS) }))
      for (let repeat = 0; repeat < repeats; repeat++) {
        progress(`burst N=${n} ${connections} sockets, run ${repeat + 1}/${repeats}`)
        const measured = new Map<ClientSpec, RunFigures>()
        // Rotate the order each repeat so that no client always follows the same one.
        for (let i = 0; i < runs.length; i++) {
          const spec = BURST_CLIENTS[(i + repeat) % BURST_CLIENTS.length]
          if (spec) measured.set(spec, await burstOnce(spec, n, connections, origin, lab))
        }
        const control = measured.get(CONTROL)?.wallMs ?? Number.NaN
        for (const { spec, samples } of runs) {
          const run = measured.get(spec)
          if (!run) continue
          for (const metric of METRICS) {
            samples.add(metric, metric === 'ratio' ? run.wallMs / control : run[metric])
          }
        }
      }
      for (const { spec, samples } of runs) {
        rows.push({ n, connections, client: spec.name, figures: samples.figures() })
      }
    }
  }
  return rows
}

/** How many runs each burst size's figures come from, as recorded: "15 at N = 10, 7 at N = 100". */
function repeatsBySize(rows: readonly BurstRow[]): string {
  const runs = new Map(rows.map((row) => [row.n, row.figures.wallMs?.runs ?? 0]))
  return [...runs].map(([n, count]) => `${count} at N = ${n}`).join(', ')
}

export function burstTable(rows: readonly BurstRow[]): Table {
  return {
    title: '1. Burst: N concurrent requests on an expired token (requests 20 ms, refresh 50 ms)',
    headers: [
      'N',
      'sockets',
      'client',
      'refresh calls',
      'reuse detections',
      'failed',
      'max sends',
      'wall ms',
      '× control',
    ],
    rows: rows.map(({ n, connections, client, figures }) => [
      String(n),
      connections === 'six' ? '6' : '∞',
      client,
      formatSummary(figures.refreshCalls),
      formatSummary(figures.reuseDetections),
      formatSummary(figures.failed),
      formatSummary(figures.maxSends),
      formatSummary(figures.wallMs),
      formatSummary(figures.ratio, 2),
    ]),
    notes: [
      `Each cell: median over the repeats (${repeatsBySize(rows)}), with the range when runs differed.`,
      'Every client signs in, the lab moves the server clock 400 s ahead (every client gets `401 token_expired`), then N requests leave at once; _failed_ = requests rejected, _max sends_ = most times one request went over the wire, _× control_ = wall time over the control of the same repeat.',
      'Control: bare axios with a valid token, plus one timed refresh call. _Reel, expiry also seen by its clock_: the same Reel with its monotonic clock moved past expiry too, so it knows the token is spent before the server says so; it refreshes before sending.',
      '6 sockets: one `http.Agent` with `maxSockets: 6` shared by the API and refresh calls, as a browser shares its per-host pool.',
    ],
  }
}
