import type { Measured } from '../lib/measured'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { z } from 'zod'
import { sleep } from '../lib/async'
import { progress } from '../lib/progress'
import { createBrowserClient, problemCode, type BrowserClient, type Reply } from './client'
import type { RunningStack } from './launch'
import { stackProcesses, type ProcessMemory } from './processes'

const run = promisify(execFile)

export interface PopulationOptions {
  /** One account each: distinct usernames keep the sign-in throttle out of the figures. */
  usernames: readonly string[]
  password: string
  durationSec: number
  /** Between one browser's authenticated requests, chosen evenly in this range. */
  requestGapMs: { min: number; max: number }
}

export interface PopulationResult {
  browsers: number
  durationSec: number
  /** How long the first sign-ins of every browser took together, before the clock started. */
  signInPhaseSec: number
  requests: number
  refreshes: number
  /** Non-2xx answers by status and problem code (`401 token_expired`), and requests with no
   *  answer at all by their error (`network ECONNRESET`). */
  failedByStatus: Record<string, number>
  /** `401 refresh_reused`: a browser presented a rotated token (it never should). */
  reuseDetections: number
  /** Refreshes refused for any reason: each signs its browser out (it then signs in again). */
  sessionsLost: number
  /** Client connections of the database, the most seen by a poll once a second. */
  peakDatabaseConnections: number
  memoryAtStart: ProcessMemory[]
  memoryAtEnd: ProcessMemory[]
  /** Where the figures came from: written by bench/run.ts, which knows the commit and command. */
  measured?: Measured
}

/** Sign-ins in flight while the population forms: enough to keep every worker hashing. */
export const SIGN_IN_CONCURRENCY = 8

export const tokenLifetimeSchema = z.object({ expiresIn: z.number().positive() })

/**
 * N browsers on the stack through nginx, each with its own cookie jar: each signs in, then asks
 * for /api/me every few seconds and refreshes once per access-token lifetime (a little ahead of
 * expiry, as the SPA's scheduler does), until the time is up. A fault suite can run its faults
 * while the promise is pending; the result counts what the browsers suffered.
 */
export async function runPopulation(
  stack: RunningStack,
  options: PopulationOptions,
): Promise<PopulationResult> {
  const { state } = stack
  const ca = readFileSync(state.certificate, 'utf8')
  const failedByStatus: Record<string, number> = {}
  const counts = { requests: 0, refreshes: 0, reuseDetections: 0, sessionsLost: 0 }
  const fail = (status: string) => {
    failedByStatus[status] = (failedByStatus[status] ?? 0) + 1
  }
  /** One request; a non-2xx or no answer at all is counted by status. */
  const send = async (request: () => Promise<Reply>): Promise<Reply | null> => {
    try {
      const reply = await request()
      if (reply.status >= 300) fail(`${reply.status} ${problemCode(reply) ?? ''}`.trim())
      return reply
    } catch (error) {
      fail(`network ${errorCode(error)}`)
      return null
    }
  }

  const memoryAtStart = stackProcesses(stack.pid, state.cluster.dataDir)
  const connections = watchDatabaseConnections(state.cluster.databaseUrl)
  try {
    const signInStarted = performance.now()
    // A few at a time: all at once would queue behind PBKDF2 past nginx's 60 s proxy timeout.
    const browsers = await mapInTurns(options.usernames, SIGN_IN_CONCURRENCY, async (username) => {
      const browser = createBrowserClient(state.url, ca)
      const lifetime = await signIn(browser, username)
      // Its token's life runs from here, not from the end of everyone's sign-in.
      return { browser, username, lifetime, signedInAt: performance.now() }
    })
    const signInPhaseSec = (performance.now() - signInStarted) / 1000
    progress(`population: ${browsers.length} browsers signed in in ${signInPhaseSec.toFixed(0)} s`)

    async function signIn(browser: BrowserClient, username: string): Promise<number> {
      // A refused sign-in is counted and tried again: the browser is not part of the run otherwise.
      for (;;) {
        const reply = await send(() => browser.signIn(username, options.password))
        const tokens = tokenLifetimeSchema.safeParse(reply?.body)
        if (reply?.status === 200 && tokens.success) return tokens.data.expiresIn
      }
    }

    const deadline = performance.now() + options.durationSec * 1000
    await Promise.all(
      browsers.map(async ({ browser, username, lifetime: firstLifetime, signedInAt }) => {
        let lifetime = firstLifetime
        let refreshAt = signedInAt + refreshLead(lifetime)
        while (performance.now() < deadline) {
          await sleep(
            Math.min(gap(options.requestGapMs), Math.max(0, deadline - performance.now())),
          )
          if (performance.now() >= deadline) break
          if (performance.now() >= refreshAt) {
            counts.refreshes++
            const reply = await send(() => browser.refresh())
            const tokens = tokenLifetimeSchema.safeParse(reply?.body)
            if (reply?.status === 200 && tokens.success) {
              lifetime = tokens.data.expiresIn
            } else if (reply && reply.status === 401) {
              counts.sessionsLost++
              if (problemCode(reply) === 'refresh_reused') counts.reuseDetections++
              lifetime = await signIn(browser, username)
            }
            refreshAt = performance.now() + refreshLead(lifetime)
          }
          counts.requests++
          await send(() => browser.send('GET', '/api/me'))
        }
        browser.close()
      }),
    )
    return {
      browsers: browsers.length,
      durationSec: options.durationSec,
      signInPhaseSec,
      ...counts,
      failedByStatus,
      peakDatabaseConnections: await connections.stop(),
      memoryAtStart,
      memoryAtEnd: stackProcesses(stack.pid, state.cluster.dataDir),
    }
  } finally {
    await connections.stop()
  }
}

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

/** Refresh one second before expiry (a fifth of the lifetime when that is shorter). */
function refreshLead(lifetimeSec: number): number {
  return (lifetimeSec - Math.min(1, lifetimeSec / 5)) * 1000
}

export function gap({ min, max }: { min: number; max: number }): number {
  return min + Math.random() * (max - min)
}

/** Polls pg_stat_activity once a second (psql over TCP, as the instances connect) for the peak. */
function watchDatabaseConnections(databaseUrl: string) {
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
