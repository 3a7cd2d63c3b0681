import { measuredNote } from '../lib/measured'
import { progress } from '../lib/progress'
import type { Table } from '../lib/table'
import { seedBenchUsers } from '../stack/instances'
import { benchStackPorts, launchStack } from '../stack/launch'
import { runPopulation, type PopulationResult } from '../stack/population'
import type { ProcessMemory } from '../stack/processes'

const PASSWORD = 'bench-password-1'
/** Short, so every browser refreshes many times in a run of minutes. */
const ACCESS_TOKEN_TTL_SEC = 5

/** `REEL_POPULATION_BROWSERS` (default 200) and `REEL_POPULATION_MINUTES` (default 10). */
function settings() {
  const number = (name: string, fallback: number) => {
    const value = Number(process.env[name] ?? fallback)
    return Number.isFinite(value) && value > 0 ? value : fallback
  }
  return {
    browsers: Math.round(number('REEL_POPULATION_BROWSERS', 200)),
    durationSec: number('REEL_POPULATION_MINUTES', 10) * 60,
  }
}

export async function runPopulationScenario(): Promise<PopulationResult> {
  const { browsers, durationSec } = settings()
  const stack = await launchStack({
    ports: benchStackPorts(),
    env: { REEL_ACCESS_TOKEN_TTL_SEC: String(ACCESS_TOKEN_TTL_SEC) },
  })
  try {
    const usernames = seedBenchUsers(stack.state, browsers, PASSWORD)
    progress(`population: ${browsers} browsers for ${durationSec / 60} min through nginx`)
    return await runPopulation(stack, {
      usernames,
      password: PASSWORD,
      durationSec,
      requestGapMs: { min: 1000, max: 3000 },
    })
  } finally {
    await stack.stop()
  }
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
      `${result.durationSec / 60} min through nginx after every browser signed in; access tokens live ${ACCESS_TOKEN_TTL_SEC} s and each browser refreshes 1 s before expiry, asking for /api/me every 1–3 s.`,
      ...measuredNote(result.measured),
    ],
  }
}
