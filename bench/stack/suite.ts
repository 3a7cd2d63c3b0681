import { sleep, succeeded, withTimeout } from '../lib/async'
import { progress } from '../lib/progress'
import type { FaultsResult } from '../scenarios/faults'
import { measureStack, type StackResult } from '../scenarios/stack'
import { signInCrowd, type Crowd } from './crowd'
import { fault } from './fault-injection'
import { BASELINE, FAULTS, reportFaults, type FaultMark } from './faults-report'
import { BENCH_PASSWORD, seedBenchUsers } from './instances'
import { populationCounts } from './journal'
import { benchStackPorts, launchStack, type RunningStack } from './launch'
import { phaseClock } from './phase-clock'
import { watchDatabaseConnections, type PopulationResult } from './population'
import { stackProcesses } from './processes'

/** Short, so every browser refreshes often and a fault meets refreshes in flight. */
export const ACCESS_TOKEN_TTL_SEC = 5
/** Between one browser's requests for /api/me. */
export const REQUEST_GAP_MS = { min: 1000, max: 3000 }
/**
 * The longest a fault's window may last: recovery took about 5 s, healing nginx's view 10 s, and
 * settling takes a token lifetime and a request gap more. A fault still unsettled then fails.
 */
export const SETTLE_LIMIT_SEC = 60

export interface SuiteOptions {
  /** The stack's load figures, first, while nothing else runs on it. */
  stack: boolean
  /** Then a crowd of browsers signed in once: a clean population, then the faults if asked. */
  crowd: { browsers: number; populationSec: number; faults: boolean } | null
}

export interface SuiteResult {
  stack?: StackResult
  population?: PopulationResult
  faults?: FaultsResult
  /** Wall-clock seconds of each phase in the order they ran, the boot and teardown included. */
  phaseSec: Record<string, number>
}

/**
 * The production stack's scenarios on one stack booted once: its load figures, then one crowd
 * of browsers signed in once, which lives through a clean population (also the faults'
 * baseline) and then each fault in turn, the next injected as soon as the last has settled.
 */
export async function runServerSuite(options: SuiteOptions): Promise<SuiteResult> {
  const clock = phaseClock()
  const ports = benchStackPorts()
  const stack = await launchStack({
    ports,
    testReset: options.crowd?.faults ?? false,
    ...(options.crowd && { env: { REEL_ACCESS_TOKEN_TTL_SEC: String(ACCESS_TOKEN_TTL_SEC) } }),
  })
  clock.lap('boot')
  const result: Omit<SuiteResult, 'phaseSec'> = {}
  try {
    if (options.stack) {
      result.stack = await measureStack(stack, ports)
      clock.lap('stack')
    }
    if (options.crowd) {
      const { browsers, populationSec, faults } = options.crowd
      const usernames = seedBenchUsers(stack.state, browsers, BENCH_PASSWORD, 'browser-')
      const memoryAtStart = stackProcesses(stack.pid, stack.state.cluster.dataDir)
      const crowd = await signInCrowd(stack, {
        usernames,
        password: BENCH_PASSWORD,
        requestGapMs: REQUEST_GAP_MS,
      })
      clock.lap('sign-in')
      try {
        const population = await livePopulation(stack, crowd, populationSec)
        result.population = { ...population.figures, memoryAtStart }
        clock.lap('population')
        if (faults) {
          result.faults = await injectFaults(stack, crowd, population.from)
          clock.lap('faults')
        }
      } finally {
        await crowd.stop()
      }
    }
  } finally {
    await stack.stop()
    clock.lap('teardown')
  }
  return { ...result, phaseSec: clock.laps() }
}

/** Starts the crowd for its clean run; it goes on living after it, for the faults. */
async function livePopulation(stack: RunningStack, crowd: Crowd, populationSec: number) {
  const { state } = stack
  progress(`population: ${crowd.browsers} browsers for ${populationSec / 60} min through nginx`)
  const connections = watchDatabaseConnections(state.cluster.databaseUrl)
  const from = performance.now()
  crowd.start()
  // The population's length is what it measures, not a wait for something to happen.
  await sleep(populationSec * 1000)
  const to = performance.now()
  const figures = {
    browsers: crowd.browsers,
    durationSec: populationSec,
    signInPhaseSec: crowd.signInSec,
    ...populationCounts(crowd.journal, from, to),
    peakDatabaseConnections: await connections.stop(),
    memoryAtEnd: stackProcesses(stack.pid, state.cluster.dataDir),
  }
  return { figures, from }
}

/**
 * Each fault in turn on the living crowd: injected, then awaited until the stack has healed and
 * every browser has since refreshed and been answered, which shows its recovery and that no
 * session was lost. The clean population before them is their baseline.
 */
async function injectFaults(
  stack: RunningStack,
  crowd: Crowd,
  baselineFrom: number,
): Promise<FaultsResult> {
  const marks: FaultMark[] = [{ name: BASELINE, at: baselineFrom, injectMs: 0, settled: true }]
  for (const name of FAULTS) {
    progress(`faults: ${name}`)
    const injected = fault(name, stack.state)
    const at = performance.now()
    await injected.inject()
    const injectMs = performance.now() - at
    const settled = await succeeded(
      withTimeout(
        injected.healed().then(() => crowd.settled(performance.now())),
        SETTLE_LIMIT_SEC * 1000,
        `${name}: settling`,
      ),
    )
    marks.push({ name, at, injectMs, settled })
  }
  const endedAt = performance.now()
  const faults = reportFaults(crowd.journal, marks, endedAt)
  return {
    browsers: crowd.browsers,
    durationSec: (endedAt - baselineFrom) / 1000,
    accessTokenTtlSec: ACCESS_TOKEN_TTL_SEC,
    faults,
    passed: faults.every((report) => report.violations.length === 0),
  }
}
