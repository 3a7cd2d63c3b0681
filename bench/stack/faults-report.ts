import { failureCounts, within, type Exchange, type SessionLoss } from './journal'

/** The faults the suite injects, in the order it injects them. */
export const FAULTS = [
  'gunicorn worker killed',
  'Django instance stopped',
  'PostgreSQL restarted',
  'nginx reloaded',
] as const
export type FaultName = (typeof FAULTS)[number]

/** The quiet time before the first fault: the figures every fault is read beside. */
export const BASELINE = 'none (baseline)'

/** When a fault was injected, and how long injecting it took (until it had happened). */
export interface FaultMark {
  name: FaultName | typeof BASELINE
  at: number
  injectMs: number
  /** False when not every browser had refreshed and been answered again before time ran out. */
  settled?: boolean
}

/** What a fault's report reads of an exchange: who, when, and what went wrong. */
type Exchanged = Pick<Exchange, 'at' | 'browser' | 'failure'>

/** The part of the browsers' journal (journal.ts) a fault's report reads. */
export interface FaultJournal {
  exchanges: readonly Exchanged[]
  losses: readonly SessionLoss[]
  userFailures: readonly { at: number }[]
  resent: readonly { at: number }[]
}

export interface FaultReport {
  fault: FaultName | typeof BASELINE
  /** From the injection to the next fault (or the end of the run). */
  windowSec: number
  exchanges: number
  /** Answers on the wire by what went wrong, retries included. */
  failedByStatus: Record<string, number>
  /** Requests whose failure reached the page after the SPA's own retries. */
  userFailures: number
  /** Sent again by the browser itself: a reused connection had closed before any answer. */
  resent: number
  reuseDetections: number
  sessionsLost: number
  /**
   * From the injection until every browser that saw a failure had a success again; 0 when none
   * failed, null when one had none before the window ended.
   */
  recoverySec: number | null
  /** What the fault must not do and did: empty when it passed. */
  violations: string[]
}

/** Failures a fault may cause at all: anything else is a violation of its own. */
const ALLOWED: Record<FaultReport['fault'], (failure: string) => boolean> = {
  [BASELINE]: () => false,
  // In flight on the killed worker: a refresh nginx must not send again (not idempotent) fails.
  'gunicorn worker killed': (failure) => /^(502 bad_gateway|network )/.test(failure),
  // Only what was in flight, and nginx finishes that on the other instance.
  'Django instance stopped': (failure) => /^(502 bad_gateway|network )/.test(failure),
  'PostgreSQL restarted': (failure) => failure === '503 service_unavailable',
  'nginx reloaded': () => false,
}

function recovery(exchanges: readonly Exchanged[], from: number): number | null {
  const lastFailure = new Map<number, number>()
  for (const { browser, at, failure } of exchanges) if (failure) lastFailure.set(browser, at)
  let recoveredAt = from
  for (const [browser, failedAt] of lastFailure) {
    const success = exchanges.find(
      (exchange) => exchange.browser === browser && exchange.at > failedAt && !exchange.failure,
    )
    if (!success) return null
    recoveredAt = Math.max(recoveredAt, success.at)
  }
  return (recoveredAt - from) / 1000
}

/** Each fault's share of the journal: what happened between its injection and the next one. */
export function reportFaults(
  journal: FaultJournal,
  marks: readonly FaultMark[],
  endedAt: number,
): FaultReport[] {
  return marks.map((mark, index) => {
    const until = marks[index + 1]?.at ?? endedAt
    const exchanges = within(journal.exchanges, mark.at, until)
    const losses = within(journal.losses, mark.at, until)
    const failedByStatus = failureCounts(exchanges)
    const recoverySec = recovery(exchanges, mark.at)
    const sessionsLost = losses.length
    const reuseDetections = losses.filter((loss) => loss.reused).length
    const violations = [
      ...Object.keys(failedByStatus)
        .filter((failure) => !ALLOWED[mark.name](failure))
        .map((failure) => `${failure} (${failedByStatus[failure]})`),
      ...(sessionsLost > 0 ? [`${sessionsLost} sessions lost`] : []),
      ...(reuseDetections > 0 ? [`${reuseDetections} reuse detections`] : []),
      ...(recoverySec === null ? ['not every browser recovered'] : []),
      ...(mark.settled === false ? ['not every browser refreshed and was answered again'] : []),
    ]
    return {
      fault: mark.name,
      windowSec: (until - mark.at) / 1000,
      exchanges: exchanges.length,
      failedByStatus,
      userFailures: within(journal.userFailures, mark.at, until).length,
      resent: within(journal.resent, mark.at, until).length,
      reuseDetections,
      sessionsLost,
      recoverySec,
      violations,
    }
  })
}
