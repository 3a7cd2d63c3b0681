import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { z } from 'zod'
import { sleep } from '../lib/async'
import type { ProcessMemory } from './processes'
import type { SuiteMeasured } from './results'

const run = promisify(execFile)

export interface PopulationResult {
  browsers: number
  durationSec: number
  /** How long the first sign-ins of every browser took together, before the clock started. */
  signInPhaseSec: number
  requests: number
  refreshes: number
  /** Non-2xx answers on the wire by status and problem code (`401 token_expired`), retries and
   *  replays included, and exchanges with no answer at all by their error (`network ECONNRESET`). */
  failedByStatus: Record<string, number>
  /** `401 refresh_reused`: a browser presented a rotated token (it never should). */
  reuseDetections: number
  /** Refreshes refused with a session-ending code: each signs its browser out (it signs in again). */
  sessionsLost: number
  /** Client connections of the database, the most seen by a poll once a second. */
  peakDatabaseConnections: number
  memoryAtStart: ProcessMemory[]
  memoryAtEnd: ProcessMemory[]
  /** Where the figures came from: written by bench/run.ts, which knows the commit and command. */
  measured?: SuiteMeasured
}

export const tokenLifetimeSchema = z.object({ expiresIn: z.number().positive() })

export async function mapInTurns<T, R>(
  items: readonly T[],
  concurrency: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < items.length; index = next++) {
        results[index] = await map(items[index] as T)
      }
    }),
  )
  return results
}

export function errorCode(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined
  return typeof code === 'string' ? code : 'error'
}

export function gap({ min, max }: { min: number; max: number }): number {
  return min + Math.random() * (max - min)
}

/** Polls pg_stat_activity once a second (psql over TCP, as the instances connect) for the peak. */
export function watchDatabaseConnections(databaseUrl: string) {
  let peak = 0
  let running = true
  const query =
    "select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()"
  const polling = (async () => {
    while (running) {
      try {
        const { stdout } = await run('psql', [databaseUrl, '-Atc', query])
        peak = Math.max(peak, Number(stdout.trim()))
      } catch {
        // A poll that failed (the database busy or restarting) leaves the peak as it was.
      }
      await sleep(1000)
    }
  })()
  return {
    async stop(): Promise<number> {
      running = false
      await polling
      return peak
    },
  }
}
