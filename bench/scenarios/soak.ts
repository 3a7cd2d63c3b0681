import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test'
import { sleep } from '../lib/async'
import { signInThroughApi } from '../lib/browser'
import type { Lab } from '../lib/mock-host'
import { progress } from '../lib/progress'
import { seededRandom } from '../lib/random'
import type { Table } from '../lib/table'
import { LAB_SETTINGS } from './burst'

const TABS = 3
/** The shortest lifetime the lab allows: the session refreshes every half second or so. */
const TOKEN_LIFETIME_SEC = 1
/** A person clicking briskly: every few hundred milliseconds, in every tab at once. */
const CLICK_GAP_MS = { min: 200, max: 600 } as const
const DEFAULT_SECONDS = 600

/** `REEL_SOAK_SECONDS` shortens the soak for a quick check; the committed figures use the default. */
export function soakSeconds(): number {
  const asked = Number(process.env.REEL_SOAK_SECONDS ?? DEFAULT_SECONDS)
  return Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_SECONDS
}

export interface SoakTab {
  tab: number
  clicks: number
  apiResponses: number
  /** Refresh calls this tab made itself; the others took its token from the channel. */
  refreshCalls: number
  /** 401 answers to API calls: the interceptor's refresh-and-replay path. */
  rejected: number
  /** Non-2xx answers (and requests with no answer) no later answer to the same request made good. */
  failedRequests: number
  pageErrors: number
  /** Console errors other than Chromium's line for a non-2xx response (counted above). */
  consoleErrors: number
  signedOut: boolean
  heapStartBytes: number
  heapEndBytes: number
}

export interface SoakResult {
  durationSec: number
  tokenLifetimeSec: number
  /** Lab counters over the clicking, all tabs together. */
  refreshCalls: number
  refreshesPerLifetime: number
  /** Lab counter over the whole scenario, sign-in and restores included. */
  reuseDetections: number
  tabs: SoakTab[]
}

/** Chromium logs every non-2xx response as a console error; those are judged as requests. */
const RESPONSE_STATUS_LINE = /^Failed to load resource: the server responded with a status of/

/** Watches one tab's API traffic and errors for the length of the soak. */
function watch(page: Page) {
  /** Requests whose last answer was a failure, by method and URL: a replay clears its entry. */
  const failing = new Map<string, string>()
  const counts = { apiResponses: 0, refreshCalls: 0, rejected: 0, pageErrors: 0, consoleErrors: 0 }
  const key = (method: string, url: string) => `${method} ${url}`
  const isApi = (url: string) => {
    const { pathname } = new URL(url)
    return pathname.startsWith('/api/') && !pathname.startsWith('/api/__lab/')
  }

  page.on('response', (response) => {
    const request = response.request()
    if (!isApi(request.url())) return
    counts.apiResponses++
    if (new URL(request.url()).pathname === '/api/auth/refresh') counts.refreshCalls++
    else if (response.status() === 401) counts.rejected++
    const id = key(request.method(), request.url())
    if (response.ok()) failing.delete(id)
    else failing.set(id, String(response.status()))
  })
  page.on('requestfailed', (request) => {
    // A query its page no longer needs is cancelled on purpose (navigation, unmount).
    if (!isApi(request.url()) || request.failure()?.errorText === 'net::ERR_ABORTED') return
    failing.set(key(request.method(), request.url()), request.failure()?.errorText ?? 'failed')
  })
  page.on('pageerror', () => counts.pageErrors++)
  page.on('console', (message) => {
    if (message.type() === 'error' && !RESPONSE_STATUS_LINE.test(message.text())) {
      counts.consoleErrors++
    }
  })
  return {
    counts,
    failedRequests: () => failing.size,
    /** Counts from here on only: the tab's restore is setup, not soak. */
    restart(): void {
      for (const name of Object.keys(counts) as Array<keyof typeof counts>) counts[name] = 0
      failing.clear()
    },
  }
}

/** JS heap in use after a full collection, so only what the page still holds is counted. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize
}

/** The movie grid has settled with its watchlist buttons usable. */
const moviesReady = (page: Page) =>
  page.locator('.watchlist-toggle:not([disabled])').first().waitFor({ timeout: 20_000 })

/**
 * One click somewhere useful: a section of the app, a watchlist button (add on Movies, remove on
 * the Watchlist), or the next or previous page of movies. Runs in the page, so a click never
 * waits on Playwright's actionability checks; `draw` picks the kind, then the element.
 */
function clickSomething([kind, pick]: [number, number]): string | null {
  const groups = [
    '.main-nav a[href="/movies"], .main-nav a[href="/watchlist"], .main-nav a[href="/devices"]',
    '.watchlist-toggle:not([disabled])',
    '.pagination button:not([disabled])',
  ]
  const choices = groups
    .map((selector) => Array.from(document.querySelectorAll<HTMLElement>(selector)))
    .filter((elements) => elements.length > 0)
  const group = choices[Math.floor(kind * choices.length)]
  const target = group?.[Math.floor(pick * group.length)]
  if (!target) return null
  target.click()
  return target.textContent
}

async function clickUntil(page: Page, endAt: number, random: () => number): Promise<number> {
  let clicks = 0
  while (Date.now() < endAt) {
    await sleep(CLICK_GAP_MS.min + (CLICK_GAP_MS.max - CLICK_GAP_MS.min) * random())
    const clicked = await page.evaluate(clickSomething, [random(), random()] as [number, number])
    if (clicked !== null) clicks++
  }
  return clicks
}

async function openTab(context: BrowserContext, origin: string) {
  const page = await context.newPage()
  const watcher = watch(page)
  await page.goto(`${origin}/movies`)
  await moviesReady(page)
  const cdp = await context.newCDPSession(page)
  return { page, watcher, cdp }
}

/**
 * Three tabs of one signed-in browser click through the production build for the soak's length
 * on one-second access tokens: every few hundred milliseconds a tab browses, pages, or changes
 * the watchlist, while the session refreshes underneath roughly twice a second.
 */
export async function runSoak(browser: Browser, origin: string, lab: Lab): Promise<SoakResult> {
  const durationSec = soakSeconds()
  await lab.reset()
  await lab.configure({ ...LAB_SETTINGS, accessTokenTtlSec: TOKEN_LIFETIME_SEC })
  const context = await browser.newContext()
  try {
    await signInThroughApi(context, origin)
    // One after another: each restore is settled before the next tab starts its own.
    const tabs = []
    for (let i = 0; i < TABS; i++) tabs.push(await openTab(context, origin))
    const heapStart = await Promise.all(tabs.map(({ cdp }) => heapAfterGc(cdp)))
    const before = await lab.stats()
    for (const { watcher } of tabs) watcher.restart()

    progress(`soak: ${TABS} tabs clicking for ${durationSec} s on ${TOKEN_LIFETIME_SEC} s tokens`)
    const started = Date.now()
    const endAt = started + durationSec * 1000
    const clicks = await Promise.all(
      tabs.map(({ page }, i) => clickUntil(page, endAt, seededRandom(7 + i))),
    )
    const clickedSec = (Date.now() - started) / 1000
    const after = await lab.stats()

    // Back to where each tab began, settled, before the heap is read again.
    const end = await Promise.all(
      tabs.map(async ({ page, cdp }) => {
        await page.locator('.main-nav a[href="/movies"]').click()
        const settled = await moviesReady(page).then(
          () => true,
          () => false,
        )
        await page.waitForLoadState('networkidle')
        return {
          signedOut: !settled && new URL(page.url()).pathname === '/login',
          heap: await heapAfterGc(cdp),
        }
      }),
    )
    const last = await lab.stats()

    const refreshCalls = after.refreshCalls - before.refreshCalls
    return {
      durationSec: Math.round(clickedSec),
      tokenLifetimeSec: TOKEN_LIFETIME_SEC,
      refreshCalls,
      refreshesPerLifetime: refreshCalls / (clickedSec / TOKEN_LIFETIME_SEC),
      reuseDetections: last.reuseDetections,
      tabs: tabs.map(({ watcher }, i) => ({
        tab: i + 1,
        clicks: clicks[i] ?? 0,
        ...watcher.counts,
        failedRequests: watcher.failedRequests(),
        signedOut: end[i]?.signedOut ?? true,
        heapStartBytes: heapStart[i] ?? Number.NaN,
        heapEndBytes: end[i]?.heap ?? Number.NaN,
      })),
    }
  } finally {
    await context.close()
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const kb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(0)} KB`

export function soakTable(result: SoakResult): Table {
  const row = (label: string, tabs: readonly SoakTab[], lab: boolean): string[] => {
    const sum = (pick: (tab: SoakTab) => number) => tabs.reduce((s, tab) => s + pick(tab), 0)
    const single = tabs.length === 1 ? tabs[0] : undefined
    return [
      label,
      String(sum((tab) => tab.clicks)),
      String(sum((tab) => tab.apiResponses)),
      lab ? String(result.refreshCalls) : String(sum((tab) => tab.refreshCalls)),
      String(sum((tab) => tab.rejected)),
      lab ? result.refreshesPerLifetime.toFixed(2) : '',
      lab ? String(result.reuseDetections) : '',
      String(sum((tab) => tab.failedRequests)),
      `${sum((tab) => tab.pageErrors)} / ${sum((tab) => tab.consoleErrors)}`,
      String(tabs.filter((tab) => tab.signedOut).length),
      single ? `${mb(single.heapStartBytes)} → ${mb(single.heapEndBytes)}` : '',
      single ? kb(single.heapEndBytes - single.heapStartBytes) : '',
    ]
  }
  return {
    title: `7. Soak: ${result.tabs.length} tabs clicking for ${result.durationSec} s on ${result.tokenLifetimeSec} s access tokens`,
    headers: [
      'tab',
      'clicks',
      'API responses',
      'refresh calls',
      'API 401s',
      'refreshes per token lifetime',
      'reuse detections',
      'failed requests',
      'page / console errors',
      'signed out',
      'JS heap after GC, start → end',
      'heap growth',
    ],
    rows: [
      ...result.tabs.map((tab) => row(String(tab.tab), [tab], false)),
      row(`all ${result.tabs.length} (lab)`, result.tabs, true),
    ],
    notes: [
      `One run. One browser context signs in; ${result.tabs.length} tabs of the production build open Movies one after another, then each clicks every ${CLICK_GAP_MS.min}–${CLICK_GAP_MS.max} ms (seeded) on a section link, a watchlist button or a page button for ${result.durationSec} s (\`REEL_SOAK_SECONDS\`, default ${DEFAULT_SECONDS}); requests ${LAB_SETTINGS.latencyMs} ms, refresh ${LAB_SETTINGS.refreshLatencyMs} ms.`,
      `Refresh calls per tab are the ones that tab sent; the _all_ row is the lab's count over the clicking, and refreshes per token lifetime = refresh calls / (seconds / ${result.tokenLifetimeSec} s). A session refreshes half a second before a 1 s token expires, so one schedule shared by every tab makes about 2 per lifetime; a schedule per tab would make about ${2 * result.tabs.length}. API 401s: answers that sent a request down the refresh-and-replay path. Reuse detections: the lab's, sign-in included. Failed requests: non-2xx answers and unanswered requests that no later answer to the same method and URL made good (a replay after a 401 clears its entry; cancelled queries do not count). Heap: CDP \`HeapProfiler.collectGarbage\` then \`Runtime.getHeapUsage\`, on Movies at the start and again after the clicking.`,
    ],
  }
}
