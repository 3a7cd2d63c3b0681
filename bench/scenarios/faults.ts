import { measuredNote, type Measured } from '../lib/measured'
import {
  killWorker,
  reloadNginx,
  restartPostgres,
  stopInstance,
} from '../../scripts/stack/faults.ts'
import type { StackState } from '../../scripts/stack/state.ts'
import { sleep } from '../lib/async'
import { progress } from '../lib/progress'
import type { Table } from '../lib/table'
import { runFaultBrowsers } from '../stack/faults-browsers'
import {
  BASELINE,
  FAULTS,
  reportFaults,
  type FaultMark,
  type FaultName,
  type FaultReport,
} from '../stack/faults-report'
import { seedBenchUsers } from '../stack/instances'
import { benchStackPorts, launchStack } from '../stack/launch'

const PASSWORD = 'bench-password-1'
/** Short, so every browser refreshes often and a fault meets refreshes in flight. */
const ACCESS_TOKEN_TTL_SEC = 5

export interface FaultsSettings {
  browsers: number
  minutes: number
}

export const DEFAULT_FAULTS_SETTINGS: FaultsSettings = { browsers: 200, minutes: 10 }

export interface FaultsResult {
  browsers: number
  durationSec: number
  accessTokenTtlSec: number
  /** The first row is the quiet time before the first fault, the baseline of the others. */
  faults: FaultReport[]
  passed: boolean
  /** Where the figures came from: written by bench/run.ts, which knows the commit and command. */
  measured?: Measured
}

/** Each fault, returning once it has happened (scripts/stack/faults.ts). */
const INJECT: Record<FaultName, (state: StackState) => Promise<unknown>> = {
  'gunicorn worker killed': (state) => killWorker(state, 0),
  // The other instance than the killed worker's: each fault meets a stack that has healed.
  'Django instance stopped': (state) => stopInstance(state, 1),
  'PostgreSQL restarted': (state) => restartPostgres(state),
  'nginx reloaded': (state) => reloadNginx(state),
}

/**
 * One population on the stack through nginx (the SPA's own behaviour on failures, see
 * faults-browsers.ts) with the faults spread evenly over it, quiet time before each, and each
 * fault's share of what the browsers suffered. The stack runs with `--test-reset`, so a stopped
 * instance is started again rather than stopping the stack.
 */
export async function runFaultsScenario({
  browsers,
  minutes,
}: FaultsSettings): Promise<FaultsResult> {
  const durationSec = minutes * 60
  const stack = await launchStack({
    ports: benchStackPorts(),
    testReset: true,
    env: { REEL_ACCESS_TOKEN_TTL_SEC: String(ACCESS_TOKEN_TTL_SEC) },
  })
  try {
    const usernames = seedBenchUsers(stack.state, browsers, PASSWORD)
    progress(`faults: ${browsers} browsers for ${minutes} min, ${FAULTS.length} faults`)
    const marks: FaultMark[] = []
    let injecting: Promise<void> = Promise.resolve()
    const journal = await runFaultBrowsers(stack, {
      usernames,
      password: PASSWORD,
      durationSec,
      requestGapMs: { min: 1000, max: 3000 },
      onStart: (startedAt) => {
        marks.push({ name: BASELINE, at: startedAt, injectMs: 0 })
        injecting = injectInTurn(stack.state, startedAt, durationSec * 1000, marks)
        // Awaited once the browsers are done; until then a failure must not end the process.
        injecting.catch(() => undefined)
      },
    })
    const endedAt = performance.now()
    await injecting
    const faults = reportFaults(journal, marks, endedAt)
    return {
      browsers,
      durationSec,
      accessTokenTtlSec: ACCESS_TOKEN_TTL_SEC,
      faults,
      passed: faults.every((fault) => fault.violations.length === 0),
    }
  } finally {
    await stack.stop()
  }
}

/** Fault k at (k + 1) / (faults + 1) of the run: the same quiet time before each and after the last. */
async function injectInTurn(
  state: StackState,
  startedAt: number,
  durationMs: number,
  marks: FaultMark[],
) {
  for (const [index, name] of FAULTS.entries()) {
    const due = startedAt + ((index + 1) * durationMs) / (FAULTS.length + 1)
    await sleep(Math.max(0, due - performance.now()))
    const at = performance.now()
    progress(`faults: ${name}`)
    await INJECT[name](state)
    marks.push({ name, at, injectMs: performance.now() - at })
  }
}

const seconds = (value: number | null) => (value === null ? 'never' : value.toFixed(1))

/** `503 service_unavailable: 96, network ECONNRESET: 1`, or `0`. */
export function failuresByStatus(counts: Record<string, number>): string {
  const failed = Object.entries(counts)
  return failed.length === 0 ? '0' : failed.map(([status, n]) => `${status}: ${n}`).join(', ')
}

export function faultsTable(result: FaultsResult): Table {
  return {
    title: '11. Faults on the production stack under a population',
    headers: [
      'fault',
      'requests',
      'failed on the wire',
      'failed for the user',
      'resent by the browser',
      'reuse',
      'sessions lost',
      'recovery s',
      'verdict',
    ],
    rows: result.faults.map((fault) => {
      return [
        fault.fault,
        String(fault.exchanges),
        failuresByStatus(fault.failedByStatus),
        String(fault.userFailures),
        String(fault.resent),
        String(fault.reuseDetections),
        String(fault.sessionsLost),
        seconds(fault.recoverySec),
        fault.violations.length === 0 ? 'pass' : `FAIL: ${fault.violations.join(', ')}`,
      ]
    }),
    notes: [
      `${result.browsers} browsers for ${result.durationSec / 60} min through nginx on ${result.accessTokenTtlSec} s access tokens, behaving on failure as the SPA does (a refresh retried after max(backoff, Retry-After), a query retried twice); each fault's row counts what happened from its injection to the next fault.`,
      'Recovery: from the injection until every browser that saw a failure had a success again. Resent by the browser: a request sent again on a new connection because the kept-alive one it reused had closed before any answer, as Chromium does; not a failure.',
      ...measuredNote(result.measured),
    ],
  }
}
