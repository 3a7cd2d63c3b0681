import { measuredNote } from '../lib/measured'
import type { Table } from '../lib/table'
import type { FaultReport } from '../stack/faults-report'
import { phaseNote, type SuiteMeasured } from '../stack/results'
import { SETTLE_LIMIT_SEC } from '../stack/suite'

export interface FaultsResult {
  browsers: number
  /** From the start of the clean population before the faults to the last fault's settling. */
  durationSec: number
  accessTokenTtlSec: number
  /** The first row is the clean population before the first fault, the baseline of the others. */
  faults: FaultReport[]
  passed: boolean
  /** Where the figures came from: written by bench/run.ts, which knows the commit and command. */
  measured?: SuiteMeasured
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
      `${result.browsers} browsers signed in once through nginx on ${result.accessTokenTtlSec} s access tokens, behaving on failure as the SPA does (a refresh retried after max(backoff, Retry-After), a query retried twice): first the clean population (the baseline row), then each fault in turn. The next fault comes once the stack has healed and every browser has since refreshed and been answered (at most ${SETTLE_LIMIT_SEC} s); each row counts what happened from its injection to the next.`,
      'Recovery: from the injection until every browser that saw a failure had a success again. Resent by the browser: a request sent again on a new connection because the kept-alive one it reused had closed before any answer, as Chromium does; not a failure.',
      ...measuredNote(result.measured),
      ...phaseNote(result.measured),
    ],
  }
}
