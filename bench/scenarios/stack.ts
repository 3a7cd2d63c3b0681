import { measuredNote } from '../lib/measured'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { get } from 'node:http'
import { cpus } from 'node:os'
import { python } from '../../scripts/lib/django.mjs'
import type { StackState } from '../../scripts/stack/state.ts'
import { progress } from '../lib/progress'
import { summarise } from '../lib/stats'
import type { Table } from '../lib/table'
import { createBrowserClient } from '../stack/client'
import { freshToken, type FreshToken } from '../stack/fresh-token'
import {
  BENCH_PASSWORD,
  seedBenchUsers,
  startExtraInstance,
  type ExtraInstance,
} from '../stack/instances'
import type { RunningStack, StackPorts } from '../stack/launch'
import { phaseNote, type SuiteMeasured } from '../stack/results'
import { closedLoopLoad, fixedRequestLoad, type LoadFigures, type LoadShape } from '../stack/load'

const JWKS = '/api/.well-known/jwks.json'
const ME = '/api/me'
/** Enough accounts that no one of them signs in twice at once: the throttle never answers. */
const ACCOUNTS = 2000
/** Long enough that throughput and p50 repeat within a few per cent from run to run. */
const DEFAULT_SECONDS = 5
/** Before a path's first measurement: workers, kept database connections, TLS sessions. */
const WARM_UP_SEC = 2
const CONNECTIONS = 4
/** The session check may cost this much of /api/me's throughput, no more. */
const SESSION_CHECK_BUDGET = 0.15

/** `REEL_BENCH_STACK_SECONDS` per measurement (default 5); `REEL_BENCH_COMPARE_REF` adds a row. */
function settings() {
  const seconds = Number(process.env['REEL_BENCH_STACK_SECONDS'] ?? DEFAULT_SECONDS)
  return {
    shape: {
      connections: CONNECTIONS,
      durationSec: Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_SECONDS,
    } satisfies LoadShape,
    compareRef: process.env['REEL_BENCH_COMPARE_REF'],
  }
}

export interface StackRow {
  /** `nginx (HTTPS)` or an instance straight, past nginx. */
  path: string
  endpoint: string
  figures: LoadFigures
  /** Requests per second against the same path's jwks baseline. */
  ofBaseline: number
}

export interface StackResult {
  connections: number
  durationSec: number
  cpus: number
  /** One PBKDF2-SHA256 hash at 600,000 iterations in Python, milliseconds (median of 3). */
  hashMs: number
  signInsPerSecPerCore: { nginx: number; direct: number; hashBound: number }
  /** (unchecked − checked) / unchecked, on /api/me straight to one instance. */
  sessionCheckCost: number
  /** gthread over sync on /api/me straight to one instance, a new connection per request. */
  gthreadOverSync: number
  rows: StackRow[]
  /** Where the figures came from: written by bench/run.ts, which knows the commit and command. */
  measured?: SuiteMeasured
}

/** The hash sign-in pays, timed here so the sign-in rate sits beside its own machine's cost. */
function hashMs(): number {
  const script =
    'import hashlib,time;t=time.perf_counter();' +
    `hashlib.pbkdf2_hmac('sha256',b'${BENCH_PASSWORD}',b'0123456789abcdef',600000);` +
    'print((time.perf_counter()-t)*1000)'
  const runs = [0, 1, 2].map(() => Number(execFileSync(python, ['-c', script]).toString()))
  return summarise(runs).median
}

interface Target {
  path: string
  origin: string
  /** The path whose jwks row this one is compared with, when not its own. */
  baseline?: string
}

const WITH_CHECK = 'bench instance, session check on'
const WITHOUT_CHECK = 'bench instance, session check off (bench settings)'

/**
 * Each endpoint under load on a running stack, through nginx and straight to its first
 * instance, beside instances started for the comparison (the session check off, the sync worker
 * class, an earlier version); those are stopped again before it returns.
 */
export async function measureStack(stack: RunningStack, ports: StackPorts): Promise<StackResult> {
  const { shape, compareRef } = settings()
  progress(`stack: one PBKDF2 hash`)
  const hash = hashMs()
  const extras: ExtraInstance[] = []
  try {
    const ca = readFileSync(stack.state.certificate, 'utf8')
    const users = seedBenchUsers(stack.state, ACCOUNTS, BENCH_PASSWORD)
    const nextUser = accountDealer(users)
    const startExtra = async (options: Parameters<typeof startExtraInstance>[1]) => {
      const instance = await startExtraInstance(stack.state, options)
      extras.push(instance)
      return instance
    }
    // The check's price is read between two instances started alike but for it: the stack's own
    // runs production's flag and serves the stack, and would differ in more than the check.
    const checkedInstance = await startExtra({ port: ports.apiPort + 13 })
    const uncheckedInstance = await startExtra({
      port: ports.apiPort + 10,
      settingsModule: 'reel_server.bench_settings',
    })
    const sync = await startExtra({ port: ports.apiPort + 11, workerClass: 'sync' })
    const before = compareRef
      ? await startExtra({ port: ports.apiPort + 12, ref: compareRef })
      : null

    const direct: Target = { path: 'one instance', origin: firstInstance(stack.state) }
    const nginx: Target = { path: 'nginx (HTTPS)', origin: stack.state.url }
    // Compared with the stack's own instance's jwks: the bench instances run as it does.
    const besideDirect = (path: string, origin: string): Target => ({
      path,
      origin,
      baseline: direct.path,
    })
    const rows: StackRow[] = []
    const measure = async (target: Target, endpoint: string, run: () => Promise<LoadFigures>) => {
      progress(`stack: ${endpoint} via ${target.path}`)
      const figures = await run()
      const baselinePath = target.baseline ?? target.path
      const baseline = rows.find((row) => row.path === baselinePath && row.endpoint === JWKS)
      rows.push({
        path: target.path,
        endpoint,
        figures,
        ofBaseline: baseline ? figures.requestsPerSec / baseline.figures.requestsPerSec : 1,
      })
    }
    const withFreshToken = async <T>(origin: string, load: (token: FreshToken) => Promise<T>) => {
      const token = await freshToken(origin, ca, nextUser(), BENCH_PASSWORD)
      try {
        return await load(token)
      } finally {
        token.stop()
      }
    }
    const me = (target: Target) =>
      withFreshToken(target.origin, (token) =>
        fixedRequestLoad(
          `${target.origin}${ME}`,
          forwarded(target),
          shape,
          ca,
          token.authorization,
        ),
      )
    const jwks = (target: Target, durationSec = shape.durationSec) =>
      fixedRequestLoad(`${target.origin}${JWKS}`, forwarded(target), { ...shape, durationSec }, ca)
    const jwksAndMe = async (target: Target) => {
      await jwks(target, WARM_UP_SEC)
      await measure(target, JWKS, () => jwks(target))
      await measure(target, `GET ${ME}`, () => me(target))
    }

    await jwksAndMe(direct)
    // In turn, twice: a drift of the machine's load then falls on both sides alike.
    const checkPair = [1, 2].flatMap((round) => [
      besideDirect(`${WITH_CHECK}, round ${round}`, checkedInstance.url),
      besideDirect(`${WITHOUT_CHECK}, round ${round}`, uncheckedInstance.url),
    ])
    for (const target of checkPair) await measure(target, `GET ${ME}`, () => me(target))
    if (before && compareRef) {
      const earlier = besideDirect(`one instance at ${compareRef}`, before.url)
      await measure(earlier, `GET ${ME}`, () => me(earlier))
    }
    // A sync worker closes every connection after its answer, which autocannon takes badly
    // (errors, second-long latencies): both classes here get a new connection per request, so
    // the two are compared on the same footing.
    const workerClasses = [
      ['gthread', direct.origin],
      ['sync', sync.url],
    ] as const
    for (const [workerClass, origin] of workerClasses) {
      const target = besideDirect(`one instance (${workerClass}), a connection per request`, origin)
      await measure(target, `GET ${ME}`, () =>
        withFreshToken(origin, (token) =>
          closedLoopLoad(shape, async () => {
            const headers = { ...forwarded(target), ...token.authorization() }
            return (await getOnNewConnection(`${origin}${ME}`, headers)) === 200
          }),
        ),
      )
    }
    await jwksAndMe(nginx)
    for (const target of [direct, nginx]) {
      await measure(target, 'POST /api/auth/login', () =>
        signInLoad(target.origin, ca, nextUser, shape),
      )
      await measure(target, 'POST /api/auth/refresh', () =>
        refreshLoad(target.origin, ca, nextUser, shape),
      )
    }
    const rate = (path: string, endpoint: string) =>
      rows.find((row) => row.path.startsWith(path) && row.endpoint === endpoint)?.figures
        .requestsPerSec ?? Number.NaN
    /** The mean of the rounds of one side of the check's pair. */
    const pairRate = (side: string) => {
      const rates = rows
        .filter((row) => row.path.startsWith(side) && row.endpoint === `GET ${ME}`)
        .map((row) => row.figures.requestsPerSec)
      return rates.reduce((sum, rate) => sum + rate, 0) / rates.length
    }
    const checked = pairRate(WITH_CHECK)
    const withoutCheck = pairRate(WITHOUT_CHECK)
    const cores = cpus().length
    return {
      connections: shape.connections,
      durationSec: shape.durationSec,
      cpus: cores,
      hashMs: hash,
      signInsPerSecPerCore: {
        nginx: rate('nginx', 'POST /api/auth/login') / cores,
        direct: rate('one instance', 'POST /api/auth/login') / cores,
        hashBound: 1000 / hash,
      },
      sessionCheckCost: (withoutCheck - checked) / withoutCheck,
      gthreadOverSync:
        rate('one instance (gthread), a connection', `GET ${ME}`) /
        rate('one instance (sync), a connection', `GET ${ME}`),
      rows,
    }
  } finally {
    for (const extra of extras) await extra.stop()
  }
}

/** One GET on a connection of its own (no keep-alive agent); resolves with the status. */
function getOnNewConnection(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers, agent: false }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    request.on('error', reject)
  })
}

function firstInstance(state: StackState): string {
  const [first] = state.instances
  if (!first) throw new Error('the stack named no Django instance')
  return first
}

/** Hands out the accounts in turn, so concurrent sign-ins never share a username. */
function accountDealer(users: readonly string[]) {
  let next = 0
  return () => users[next++ % users.length] ?? 'bench-0'
}

/**
 * Straight to an instance, what nginx would have sent: the scheme it forwarded (the refresh
 * cookie is Secure), and one connection per request (a sync worker closes every connection
 * after its answer anyway).
 */
function forwarded(target: Target): Record<string, string> {
  return target.origin.startsWith('http:')
    ? { 'X-Forwarded-Proto': 'https', Connection: 'close' }
    : {}
}

/** Each sign-in a new browser with no cookie, so none replaces an earlier session. */
function signInLoad(origin: string, ca: string, nextUser: () => string, shape: LoadShape) {
  return closedLoopLoad(shape, async () => {
    const client = createBrowserClient(origin, ca)
    try {
      return (await client.signIn(nextUser(), BENCH_PASSWORD)).status === 200
    } finally {
      client.close()
    }
  })
}

/**
 * Hand-written, not autocannon: every refresh rotates the cookie, so each loop is one browser
 * carrying its own cookie chain from one answer to the next.
 */
async function refreshLoad(origin: string, ca: string, nextUser: () => string, shape: LoadShape) {
  const browsers = Array.from({ length: shape.connections }, () => createBrowserClient(origin, ca))
  try {
    for (const browser of browsers) await browser.signIn(nextUser(), BENCH_PASSWORD)
    return await closedLoopLoad(
      shape,
      async (loop) => (await browsers[loop]?.refresh())?.status === 200,
    )
  } finally {
    for (const browser of browsers) browser.close()
  }
}

export function stackTable(result: StackResult): Table {
  const f = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–')
  return {
    title: '8. The production stack under load',
    headers: ['path', 'endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'errors', '× jwks'],
    rows: result.rows.map((row) => [
      row.path,
      row.endpoint,
      f(row.figures.requestsPerSec),
      f(row.figures.p50Ms, 1),
      f(row.figures.p99Ms, 1),
      String(row.figures.errors),
      f(row.ofBaseline, 2),
    ]),
    notes: [
      `${result.connections} connections, ${result.durationSec} s each, on ${result.cpus} cores shared with the load generator; nginx balances over two instances of 2 gthread workers each (4 threads), the instances straight are one of them or an instance like it.`,
      `Sign-ins per second per core: ${f(result.signInsPerSecPerCore.direct, 2)} straight, ${f(result.signInsPerSecPerCore.nginx, 2)} through nginx; one PBKDF2 hash (600,000 iterations) took ${f(result.hashMs)} ms here, a bound of ${f(result.signInsPerSecPerCore.hashBound, 2)} per core.`,
      `The session check costs ${f(result.sessionCheckCost * 100, 1)} % of /api/me's throughput (budget ${SESSION_CHECK_BUDGET * 100} %); gthread serves ${f(result.gthreadOverSync, 2)}× what sync does.`,
      ...measuredNote(result.measured),
      ...phaseNote(result.measured),
    ],
  }
}
