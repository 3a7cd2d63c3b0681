import { EXPIRY_JUMP_SEC, PEERS, REEL, REEL_OWN_CLOCK, type ClientSpec } from '../clients'
import { sleep, succeeded, withTimeout } from '../lib/async'
import type { Lab } from '../lib/mock-host'
import { progress } from '../lib/progress'
import { seededRandom } from '../lib/random'
import { createSamples, formatSummary, type Figures } from '../lib/stats'
import type { Table } from '../lib/table'
import { createWire, REQUEST_ID } from '../lib/transport'
import { LAB_SETTINGS } from './burst'

const JOINERS = 100
const REFRESH_MS = 200
const REPEATS = 3
const CLIENTS: readonly ClientSpec[] = [REEL, REEL_OWN_CLOCK, ...PEERS]

const METRICS = ['firstRefreshOnly', 'refreshCalls', 'failed', 'maxSends'] as const
type Metric = (typeof METRICS)[number]

export interface LateJoinersRow {
  client: string
  figures: Figures
}

/**
 * One request finds the token expired and starts a 200 ms refresh; as that refresh leaves, 100
 * more requests are scheduled at random moments inside its 200 ms. A joiner counts as answered
 * without a second refresh when it succeeded carrying the token of the first refresh.
 */
async function lateJoinersOnce(
  spec: ClientSpec,
  origin: string,
  lab: Lab,
  random: () => number,
): Promise<Record<Metric, number>> {
  await lab.reset()
  await lab.configure({ ...LAB_SETTINGS, refreshLatencyMs: REFRESH_MS })
  const wire = createWire('unlimited')
  const client = spec.create(origin, wire)
  const ids = Array.from({ length: JOINERS }, (_, i) => `j${i}`)
  try {
    await client.signIn()
    await lab.configure({ serverClockSkewSec: EXPIRY_JUMP_SEC })
    client.expireLocally?.()
    const offsets = ids.map(() => random() * REFRESH_MS)
    const joiners = new Promise<boolean[]>((resolve) => {
      wire.log.onRefreshSent(() => {
        wire.log.onRefreshSent(null)
        const started = ids.map(async (id, i) => {
          await sleep(offsets[i] ?? 0)
          return succeeded(client.api.get('/me', { headers: { [REQUEST_ID]: id } }))
        })
        resolve(Promise.all(started))
      })
    })
    const trigger = succeeded(client.api.get('/me', { headers: { [REQUEST_ID]: 'trigger' } }))
    const [answered] = await withTimeout(Promise.all([joiners, trigger]), 30_000, spec.name)
    const stats = await lab.stats()
    return {
      firstRefreshOnly: ids.filter(
        (id, i) => answered[i] === true && wire.log.refreshGenerationOf(id) === 1,
      ).length,
      refreshCalls: stats.refreshCalls,
      failed: answered.filter((ok) => !ok).length,
      maxSends: Math.max(...ids.map((id) => wire.log.sendsOf(id))),
    }
  } finally {
    client.dispose()
    wire.agent.destroy()
  }
}

export async function runLateJoiners(origin: string, lab: Lab): Promise<LateJoinersRow[]> {
  const runs = CLIENTS.map((spec) => ({ spec, samples: createSamples(METRICS) }))
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    progress(`late joiners, run ${repeat + 1}/${REPEATS}`)
    for (const { spec, samples } of runs) {
      // The same seed for every client in a repeat: each faces the same moments.
      const figures = await lateJoinersOnce(spec, origin, lab, seededRandom(1000 + repeat))
      for (const metric of METRICS) samples.add(metric, figures[metric])
    }
  }
  return runs.map(({ spec, samples }) => ({ client: spec.name, figures: samples.figures() }))
}

export function lateJoinersTable(rows: readonly LateJoinersRow[]): Table {
  return {
    title: `2. Late joiners: ${JOINERS} requests started at random moments during a ${REFRESH_MS} ms refresh`,
    headers: [
      'client',
      `answered without a second refresh (of ${JOINERS})`,
      'refresh calls',
      'failed',
      'max sends',
    ],
    rows: rows.map(({ client, figures }) => [
      client,
      formatSummary(figures.firstRefreshOnly),
      formatSummary(figures.refreshCalls),
      formatSummary(figures.failed),
      formatSummary(figures.maxSends),
    ]),
    notes: [
      `Median (range) of ${REPEATS} runs; each run draws the same seeded moments for every client. A joiner counts as answered without a second refresh when it succeeded carrying the first refresh's token. Requests 20 ms, unlimited sockets.`,
    ],
  }
}
