import axios, { type AxiosAdapter, type AxiosInstance } from 'axios'
import { createAuthHttp } from '../../src/auth'
import type { BenchClient } from '../bench-client'
import { createReelClient } from '../clients'
import { progress } from '../lib/progress'
import { createSamples, formatSummary, type Figures } from '../lib/stats'
import type { Table } from '../lib/table'
import { createAxiosAuthRefreshClient } from '../peers/axios-auth-refresh'

const REQUESTS = 20_000
const WARM_UP = 12_000
/** A run takes a few seconds, and one run differs from the next by a percent or two: many runs. */
const REPEATS = 11
const BASE_URL = 'http://in-process/api'

const USER = {
  id: 'u_demo',
  username: 'demo',
  displayName: 'Demo Viewer',
  email: 'demo@reel.example',
  providers: ['password'],
}

/** Answers in the same tick, so all that is left to time is axios and the interceptors. */
const inProcess: AxiosAdapter = async (config) => ({
  data: config.url?.endsWith('/auth/login')
    ? { accessToken: 'header.payload.signature', tokenType: 'Bearer', expiresIn: 300, user: USER }
    : USER,
  status: 200,
  statusText: 'OK',
  headers: {},
  config,
  request: {},
})

const instance = (): AxiosInstance => axios.create({ baseURL: BASE_URL, adapter: inProcess })

interface Contender {
  name: string
  create(): BenchClient
}

const CONTENDERS: readonly Contender[] = [
  {
    name: 'bare axios (baseline)',
    create: () => ({ api: instance(), signIn: async () => undefined, dispose: () => undefined }),
  },
  {
    name: 'Reel',
    create: () => {
      const auth = createAuthHttp(BASE_URL)
      auth.defaults.adapter = inProcess
      return createReelClient(instance(), auth)
    },
  },
  {
    // What any interceptor-based client pays before doing anything of its own.
    name: 'floor: an interceptor that sets the header, one that passes the response on',
    create: () => {
      const api = instance()
      api.interceptors.request.use(
        (config) => {
          config.headers.Authorization = 'Bearer header.payload.signature'
          return config
        },
        undefined,
        { synchronous: true },
      )
      api.interceptors.response.use(
        (response) => response,
        (error: unknown) => Promise.reject(error),
      )
      return { api, signIn: async () => undefined, dispose: () => undefined }
    },
  },
  {
    name: 'axios-auth-refresh 5, defaults',
    create: () => createAxiosAuthRefreshClient(instance(), instance()),
  },
]

/** Requests a contender sends in one go before the next takes its turn. */
const CHUNK = 500

/** CPU microseconds (user + system) spent sending `count` sequential requests. */
async function cpuMicros(client: BenchClient, count: number): Promise<number> {
  const started = process.cpuUsage()
  for (let i = 0; i < count; i++) await client.api.get('/me')
  const used = process.cpuUsage(started)
  return used.user + used.system
}

const METRICS = ['microseconds', 'ratio'] as const

/** A contender in the running: its one client for the whole scenario, and its figures. */
interface Entrant {
  contender: Contender
  client: BenchClient
  samples: ReturnType<typeof createSamples<(typeof METRICS)[number]>>
}

/**
 * CPU microseconds per request for each entrant, over `count` sequential requests with a valid
 * token each. CPU time rather than wall time: the loop never waits on anything, and on a shared
 * machine wall time mostly measures who else got the cores. The entrants take turns in chunks,
 * so whatever slows the machine for a while (another process, a frequency step) weighs on all of
 * them alike instead of on whoever ran then.
 */
async function timeRequests(
  entrants: readonly Entrant[],
  count: number,
  turn: number,
): Promise<Map<Entrant, number>> {
  const spent = new Map<Entrant, number>()
  for (let chunk = 0; chunk < count / CHUNK; chunk++) {
    for (let i = 0; i < entrants.length; i++) {
      const entrant = entrants[(i + chunk + turn) % entrants.length]
      if (!entrant) continue
      const micros = await cpuMicros(entrant.client, CHUNK)
      spent.set(entrant, (spent.get(entrant) ?? 0) + micros)
    }
  }
  return new Map([...spent].map(([entrant, micros]) => [entrant, micros / count]))
}

export interface OverheadRow {
  client: string
  figures: Figures
}

/** One client per contender for the whole scenario, as an app keeps one: it is timed warm. */
export async function runOverhead(): Promise<OverheadRow[]> {
  const entrants: Entrant[] = CONTENDERS.map((contender) => ({
    contender,
    client: contender.create(),
    samples: createSamples(METRICS),
  }))
  try {
    for (const { client } of entrants) await client.signIn()
    progress('overhead warm-up')
    await timeRequests(entrants, WARM_UP, 0)
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      progress(`overhead, run ${repeat + 1}/${REPEATS}`)
      const measured = await timeRequests(entrants, REQUESTS, repeat)
      const bare = entrants[0] && measured.get(entrants[0])
      for (const entrant of entrants) {
        const micros = measured.get(entrant) ?? Number.NaN
        entrant.samples.add('microseconds', micros)
        entrant.samples.add('ratio', micros / (bare ?? Number.NaN))
      }
    }
    return entrants.map(({ contender, samples }) => ({
      client: contender.name,
      figures: samples.figures(),
    }))
  } finally {
    for (const { client } of entrants) client.dispose()
  }
}

export function overheadTable(rows: readonly OverheadRow[]): Table {
  return {
    title: `3. Overhead: ${REQUESTS.toLocaleString('en')} sequential requests, valid token, in-process adapter`,
    headers: ['client', 'CPU µs per request', '× bare axios'],
    rows: rows.map(({ client, figures }) => [
      client,
      formatSummary(figures.microseconds, 1),
      formatSummary(figures.ratio, 3),
    ]),
    notes: [
      `Median (range) of ${rows[0]?.figures.ratio?.runs ?? 0} runs, after a warm-up; in each run the clients take turns, ${CHUNK} requests at a time, in rotating order; the adapter answers in the same tick, so only axios and the interceptors are timed, in process CPU time (user + system), which other processes on the machine barely disturb.`,
    ],
  }
}
