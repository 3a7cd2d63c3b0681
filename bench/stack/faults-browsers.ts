import { readFileSync } from 'node:fs'
import { SESSION_ENDING_CODES } from '../../contract/problem'
import { backoffMs, parseRetryAfter, refreshLeadMs } from '../../src/auth'
import { sleep } from '../lib/async'
import { progress } from '../lib/progress'
import { createBrowserClient, problemCode, type BrowserClient, type Reply } from './client'
import type { RunningStack } from './launch'
import { errorCode, gap, mapInTurns, SIGN_IN_CONCURRENCY, tokenLifetimeSchema } from './population'

/** One exchange on the wire: `failure` names what went wrong (`503 service_unavailable`), or null. */
export interface Exchange {
  at: number
  browser: number
  failure: string | null
}

/** A refresh refused for good: the user of that browser was signed out. */
export interface SessionLoss {
  at: number
  browser: number
  reused: boolean
}

/** What the browsers lived through, in the order it happened (`at`: performance.now()). */
export interface Journal {
  exchanges: Exchange[]
  losses: SessionLoss[]
  /** Requests whose failure reached the page: every retry the SPA makes had failed too. */
  userFailures: Exchange[]
  /** Requests sent again, as a browser does, after a reused connection closed with no answer. */
  resent: Exchange[]
}

export interface FaultBrowsersOptions {
  usernames: readonly string[]
  password: string
  durationSec: number
  requestGapMs: { min: number; max: number }
  /** Called once every browser has signed in, with the moment the clock starts. */
  onStart: (startedAt: number) => void
}

const SESSION_ENDING: ReadonlySet<string> = new Set(SESSION_ENDING_CODES)
/** src/lib/query-client.ts: a query is retried twice on no answer or a 5xx, never on a 4xx. */
const QUERY_RETRIES = 2
/** TanStack Query's default retryDelay, which the SPA keeps. */
const queryRetryDelayMs = (failures: number) => Math.min(1000 * 2 ** failures, 30_000)

/**
 * What went wrong with an answer, or null when nothing did. A 5xx that is not a problem (an HTML
 * page) and a 503 without `Retry-After` are named as such: the stack must never send either.
 */
export function failureOf(reply: Reply): string | null {
  if (reply.status < 300) return null
  const code = problemCode(reply)
  if (reply.status >= 500 && code === undefined) return `${reply.status} not a problem`
  const label = `${reply.status} ${code ?? ''}`.trim()
  return reply.status === 503 && reply.headers['retry-after'] === undefined
    ? `${label} without Retry-After`
    : label
}

function refreshDue(expiresInSec: number): number {
  const lifetimeMs = expiresInSec * 1000
  return performance.now() + lifetimeMs - refreshLeadMs(lifetimeMs)
}

const transient = (reply: Reply | null) => reply === null || reply.status >= 500

/**
 * N browsers on the stack that behave on failure as the SPA does, so a fault costs what it would
 * cost real users:
 * - a refresh that got no answer or a 5xx keeps the session and is tried again after
 *   max(backoff, Retry-After) (src/auth/retry.ts `failedTransiently` and `backoffMs`); only a 401 with a session-ending code signs the user out (src/auth/errors.ts);
 * - a request waits for a refresh that is due (src/auth/request-auth.ts), and a 401 on it
 *   refreshes and replays it once (src/auth/interceptor.ts);
 * - a query that got no answer or a 5xx is retried twice with TanStack's delays
 *   (src/lib/query-client.ts `shouldRetry`).
 * Each refreshes a fifth of the token's lifetime ahead of expiry (src/auth/scheduler.ts).
 */
export async function runFaultBrowsers(
  stack: RunningStack,
  options: FaultBrowsersOptions,
): Promise<Journal> {
  const ca = readFileSync(stack.state.certificate, 'utf8')
  const journal: Journal = { exchanges: [], losses: [], userFailures: [], resent: [] }

  async function exchange(index: number, request: () => Promise<Reply>): Promise<Reply | null> {
    try {
      const reply = await request()
      journal.exchanges.push({ at: performance.now(), browser: index, failure: failureOf(reply) })
      return reply
    } catch (error) {
      const failure = `network ${errorCode(error)}`
      journal.exchanges.push({ at: performance.now(), browser: index, failure })
      return null
    }
  }

  /** When the token a sign-in just brought should be refreshed: counted from its arrival. */
  async function signIn(index: number, browser: BrowserClient, username: string) {
    for (let attempt = 1; ; attempt++) {
      const reply = await exchange(index, () => browser.signIn(username, options.password))
      const tokens = tokenLifetimeSchema.safeParse(reply?.body)
      if (reply?.status === 200 && tokens.success) return refreshDue(tokens.data.expiresIn)
      await sleep(backoffMs(attempt))
    }
  }

  const browsers = await mapInTurns(options.usernames, SIGN_IN_CONCURRENCY, async (username) => {
    const index = options.usernames.indexOf(username)
    const browser = createBrowserClient(stack.state.url, ca, {
      onResend: () =>
        journal.resent.push({
          at: performance.now(),
          browser: index,
          failure: 'closed connection',
        }),
    })
    return { browser, username, index, refreshAt: await signIn(index, browser, username) }
  })
  progress(`faults: ${browsers.length} browsers signed in`)

  const startedAt = performance.now()
  const deadline = startedAt + options.durationSec * 1000
  options.onStart(startedAt)

  await Promise.all(
    browsers.map(async ({ browser, username, index, refreshAt: firstRefreshAt }) => {
      let refreshAt = firstRefreshAt

      /** Until a refresh succeeds, the session ends, or the run does. */
      async function refresh() {
        for (let failures = 1; performance.now() < deadline; failures++) {
          const reply = await exchange(index, () => browser.refresh())
          const tokens = tokenLifetimeSchema.safeParse(reply?.body)
          if (reply?.status === 200 && tokens.success) {
            refreshAt = refreshDue(tokens.data.expiresIn)
            return
          }
          const code = reply && problemCode(reply)
          if (reply?.status === 401 && code && SESSION_ENDING.has(code)) {
            journal.losses.push({
              at: performance.now(),
              browser: index,
              reused: code === 'refresh_reused',
            })
            refreshAt = await signIn(index, browser, username)
            return
          }
          const retryAfterSec = reply && parseRetryAfter(reply.headers['retry-after'], Date.now())
          await sleep(Math.max(backoffMs(failures), (retryAfterSec ?? 0) * 1000))
        }
      }

      async function query() {
        let replayed = false
        for (let failures = 0; ;) {
          if (performance.now() >= refreshAt) await refresh()
          const reply = await exchange(index, () => browser.send('GET', '/api/me'))
          if (reply && reply.status < 300) return
          if (reply?.status === 401 && !replayed) {
            replayed = true
            refreshAt = 0
            continue
          }
          if (transient(reply) && failures < QUERY_RETRIES) {
            await sleep(queryRetryDelayMs(failures++))
            continue
          }
          journal.userFailures.push({
            at: performance.now(),
            browser: index,
            failure: reply ? failureOf(reply) : 'network',
          })
          return
        }
      }

      while (performance.now() < deadline) {
        await sleep(Math.min(gap(options.requestGapMs), Math.max(0, deadline - performance.now())))
        if (performance.now() >= deadline) break
        await query()
      }
      browser.close()
    }),
  )
  return journal
}
