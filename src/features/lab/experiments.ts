import { isAxiosError } from 'axios'
import { isSignedIn, type AuthEvent, type AuthSession } from '../../auth'
import { paths } from '../../app/paths'
import { apiClient } from '../../lib/api-client'
import { getLabConfig } from './api/get-lab-config'
import type { LabStats } from '../../../contract/lab'
import { getLabStats } from './api/get-lab-stats'
import { updateLabConfig } from './api/update-lab-config'
import { revokeCurrentSession } from './api/revoke-current-session'
import type { EventLog } from './event-log'
import { randomHexId } from '../../lib/random-id'

const MAX_SKEW_SEC = 86_400

const runId = () => randomHexId(4)

const delta = (before: LabStats, after: LabStats, key: keyof LabStats) => after[key] - before[key]

/** The server's clock is as far ahead as the lab allows: only a reset brings it back. */
export class ServerClockAheadError extends Error {
  constructor() {
    super('The server clock is already a day ahead.')
    this.name = 'ServerClockAheadError'
  }
}

/**
 * Moves the server's clock past every access token issued so far, as if they had all expired
 * while the tab slept; the tab's own clock still thinks they are good.
 */
export async function expireAccessTokensOnServer(): Promise<void> {
  const config = await getLabConfig()
  const skew = config.serverClockSkewSec + config.accessTokenTtlSec + 60
  if (skew > MAX_SKEW_SEC) {
    throw new ServerClockAheadError()
  }
  await updateLabConfig({ serverClockSkewSec: skew })
}

/** The status a GET with this tab's token ends with, or null when no answer came. */
const statusOf = (path: string): Promise<number | null> =>
  apiClient
    .get(path)
    .then((response) => response.status)
    .catch((error: unknown) => (isAxiosError(error) ? (error.response?.status ?? null) : null))

/** Collects this tab's events while `task` runs. */
async function watching<T>(
  session: AuthSession,
  task: () => Promise<T>,
): Promise<{ value: T; events: AuthEvent[] }> {
  const events: AuthEvent[] = []
  const stop = session.onEvent((event) => events.push(event))
  try {
    return { value: await task(), events }
  } finally {
    stop()
  }
}

export interface CallResult {
  status: number | null
  /** Refused first (expired or no longer accepted), then sent again after a refresh. */
  replayed: boolean
}

/** One request as the features send theirs: with this tab's token, refreshed and replayed as needed. */
export async function callAsTheApp(session: AuthSession): Promise<CallResult> {
  const path = `/me?lab-call=${runId()}`
  const { value: status, events } = await watching(session, () => statusOf(path))
  const replayed = events.some((event) => event.type === 'request-replayed' && event.url === path)
  return { status, replayed }
}

export interface BurstResult {
  requests: number
  refreshCalls: number
  refused: number
  replays: number
  /** Requests held before they were sent: the tab already knew its token was expired. */
  heldBeforeSending: number
  failures: number
  elapsedMs: number
}

/**
 * N requests at once on a token the server considers expired. The ideal: every request is
 * refused once (401), one refresh call serves them all, and each is replayed exactly once.
 */
export async function runBurst(session: AuthSession, n: number): Promise<BurstResult> {
  await expireAccessTokensOnServer()
  const before = await getLabStats()
  // A marker in the URL tells this burst's requests from anything else the page sends.
  const path = `/me?lab-burst=${runId()}`
  const started = performance.now()
  const { value: results, events } = await watching(session, () =>
    Promise.allSettled(Array.from({ length: n }, (_, i) => apiClient.get(`${path}&i=${i}`))),
  )
  const elapsedMs = performance.now() - started
  const after = await getLabStats()
  const ours = events.filter((event) => 'url' in event && event.url.startsWith(path))
  return {
    requests: n,
    refreshCalls: delta(before, after, 'refreshCalls'),
    refused: delta(before, after, 'rejectedAccessTokens'),
    replays: ours.filter((event) => event.type === 'request-replayed').length,
    heldBeforeSending: n - ours.filter((event) => event.type === 'request-replayed').length,
    failures: results.filter((result) => result.status === 'rejected').length,
    elapsedMs,
  }
}

export interface OpenTabsResult {
  /** The tabs, so that the lab can close them again. */
  windows: Window[]
  asked: number
  opened: number
  signedIn: number
  refreshCalls: number
  reuseDetections: number
  failedRefreshes: number
}

/**
 * Opens `k` tabs of the app. Each new page holds nothing in memory and restores its session from
 * the refresh cookie; tabs that load together share one refresh under the cross-tab lock.
 * `log` is what the tabs have reported (the lab's event log); the result is read once every
 * opened tab has signed in, or when `timeoutMs` runs out.
 */
export async function openTabs(
  k: number,
  log: Pick<EventLog, 'snapshot' | 'subscribe'>,
  timeoutMs = 10_000,
): Promise<OpenTabsResult> {
  const before = await getLabStats()
  const started = Date.now()
  const windows: Window[] = []
  for (let i = 0; i < k; i++) {
    // A blocked popup comes back null: count it rather than guess.
    const opened = window.open(paths.movies, '_blank')
    if (opened) windows.push(opened)
  }
  const opened = windows.length
  const since = () => log.snapshot().filter((event) => event.at >= started)
  const tabsThat = (type: AuthEvent['type']) =>
    new Set(
      since()
        .filter((event) => event.type === type)
        .map((event) => event.tabId),
    )
  await new Promise<void>((resolve) => {
    const finish = () => {
      unsubscribe()
      clearTimeout(timer)
      resolve()
    }
    const checkAllSignedIn = () => {
      if (tabsThat('signed-in').size >= opened) finish()
    }
    const unsubscribe = log.subscribe(checkAllSignedIn)
    const timer = setTimeout(finish, timeoutMs)
    checkAllSignedIn()
  })
  // The last refresh's answer may still be on its way to the counters.
  const after = await getLabStats()
  return {
    windows,
    asked: k,
    opened,
    signedIn: tabsThat('signed-in').size,
    refreshCalls: delta(before, after, 'refreshCalls'),
    reuseDetections: delta(before, after, 'reuseDetections'),
    failedRefreshes: since().filter((event) => event.type === 'refresh-failed').length,
  }
}

export interface OfflineStart {
  startedAt: number
  before: LabStats
  /** The request that needed a refresh while offline failed, as it must. */
  requestFailed: boolean
  /** …and the session survived it, as it should: a network error is not a refusal. */
  sessionKept: boolean
}

/**
 * What the lab can simulate of going offline: every refresh call loses its connection (the
 * server drops it), the page gets an `offline` event, and the token is expired on the server so
 * the next request needs a refresh. Other requests still reach the server: a page cannot cut its
 * own network.
 */
export async function goOffline(session: AuthSession): Promise<OfflineStart> {
  await updateLabConfig({ refreshFailure: 'network' })
  await expireAccessTokensOnServer()
  window.dispatchEvent(new Event('offline'))
  const before = await getLabStats()
  const startedAt = Date.now()
  const failed = await apiClient
    .get(`/me?lab-offline=${runId()}`)
    .then(() => false)
    .catch(() => true)
  return {
    startedAt,
    before,
    requestFailed: failed,
    sessionKept: isSignedIn(session.getState()),
  }
}

export interface OfflineResult {
  refreshAttemptsOffline: number
  stillSignedIn: boolean
  recovered: boolean
  refreshCallsToRecover: number
  offlineForMs: number
}

/** Lets refresh calls through again and tells the page, as a browser coming back online would. */
export async function restoreNetwork(): Promise<void> {
  await updateLabConfig({ refreshFailure: 'none' })
  window.dispatchEvent(new Event('online'))
}

/** True at this tab's next successful refresh; false at a sign-out or after `timeoutMs`. */
function nextRefresh(session: AuthSession, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (value: boolean) => {
      stop()
      clearTimeout(timer)
      resolve(value)
    }
    const stop = session.onEvent((event) => {
      if (event.type === 'refresh-succeeded') finish(true)
      else if (event.type === 'signed-out') finish(false)
    })
    const timer = setTimeout(() => finish(false), timeoutMs)
  })
}

/** Ends the offline spell and measures how the session recovers from it. */
export async function comeBackOnline(
  session: AuthSession,
  start: OfflineStart,
  timeoutMs = 5_000,
): Promise<OfflineResult> {
  const offline = await getLabStats()
  const stillSignedIn = isSignedIn(session.getState())
  const recovering = nextRefresh(session, timeoutMs)
  await restoreNetwork()
  const recovered = await recovering
  const after = await getLabStats()
  return {
    refreshAttemptsOffline: delta(start.before, offline, 'refreshCalls'),
    stillSignedIn,
    recovered,
    refreshCallsToRecover: delta(offline, after, 'refreshCalls'),
    offlineForMs: Date.now() - start.startedAt,
  }
}

export interface RevokeResult {
  sessionId: string
  /** What the server said to the access token after the revocation: refused, token_invalid. */
  meStatus: number | null
}

/**
 * Revokes this page's session on the server, then shows that the access token stopped working
 * with it: the server checks the token's session, not only its signature.
 */
export async function revokeFromServer(): Promise<RevokeResult> {
  const { sessionId } = await revokeCurrentSession()
  return { sessionId, meStatus: await statusOf(`/me?lab-revoke=${runId()}`) }
}
