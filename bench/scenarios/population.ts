import { measuredNote } from '../lib/measured'
import type { Table } from '../lib/table'
import type { PopulationResult } from '../stack/population'
import type { ProcessMemory } from '../stack/processes'
import { phaseNote } from '../stack/results'
import { refreshLeadMs } from '../../src/auth'
import { ACCESS_TOKEN_TTL_SEC, REQUEST_GAP_MS } from '../stack/suite'

/** No failed exchange, no reuse detection, no session lost: what a clean population must show. */
export function populationPassed(result: PopulationResult): boolean {
  const failed = Object.values(result.failedByStatus).reduce((sum, n) => sum + n, 0)
  return failed === 0 && result.reuseDetections === 0 && result.sessionsLost === 0
}

/** Memory by role (several workers share one), megabytes at start and at end. */
function memoryRows(start: readonly ProcessMemory[], end: readonly ProcessMemory[]): string[][] {
  const total = (list: readonly ProcessMemory[], role: string) =>
    list.filter((process) => process.role === role).reduce((sum, process) => sum + process.rssKb, 0)
  const roles = [...new Set([...start, ...end].map((process) => process.role))].sort()
  const mb = (kb: number) => (kb / 1024).toFixed(1)
  return roles.map((role) => {
    const count = end.filter((process) => process.role === role).length
    return [
      `memory: ${role}${count > 1 ? ` (${count})` : ''}`,
      `${mb(total(start, role))} → ${mb(total(end, role))} MB`,
    ]
  })
}

export function populationTable(result: PopulationResult): Table {
  const failed = Object.entries(result.failedByStatus)
  return {
    title: '9. A population of browsers on the production stack',
    headers: ['measure', 'value'],
    rows: [
      ['browsers', String(result.browsers)],
      ['sign-in of all browsers, s', result.signInPhaseSec.toFixed(0)],
      ['authenticated requests', String(result.requests)],
      ['refreshes', String(result.refreshes)],
      [
        'failed requests by status',
        failed.length === 0 ? 'none' : failed.map(([status, n]) => `${status}: ${n}`).join(', '),
      ],
      ['reuse detections', String(result.reuseDetections)],
      ['sessions lost', String(result.sessionsLost)],
      ['database connections at peak', String(result.peakDatabaseConnections)],
      ...memoryRows(result.memoryAtStart, result.memoryAtEnd),
    ],
    notes: [
      `${result.durationSec / 60} min through nginx after every browser signed in; access tokens live ${ACCESS_TOKEN_TTL_SEC} s and each browser refreshes a fifth of the lifetime (${refreshLeadMs(ACCESS_TOKEN_TTL_SEC * 1000) / 1000} s) before expiry, asking for /api/me every ${REQUEST_GAP_MS.min / 1000}–${REQUEST_GAP_MS.max / 1000} s and behaving on failure as the SPA does. Failed: every answer on the wire that was not a success, retries and replays included.`,
      ...measuredNote(result.measured),
      ...phaseNote(result.measured),
    ],
  }
}
