import type { Browser, BrowserContext, Page } from '@playwright/test'
import { EXPIRY_JUMP_SEC } from '../clients'
import { sleep } from '../lib/async'
import { IDLE_PATH, signInThroughApi } from '../lib/browser'
import type { Lab } from '../lib/mock-host'
import { progress } from '../lib/progress'
import { createSamples, formatSummary, type Figures } from '../lib/stats'
import type { Table } from '../lib/table'
import { LAB_SETTINGS } from './burst'

export const TAB_COUNTS = [2, 5, 10] as const
const REPEATS = 5
const METRICS = ['refreshCalls', 'reuseDetections', 'failedTabs'] as const

export interface TabsBuild {
  name: string
  origin: string
  lab: Lab
}

export interface TabsRow {
  k: number
  build: string
  /** The case with the first tab frozen mid-refresh, rather than every tab awake. */
  frozenTab: boolean
  figures: Figures
  /** Refresh calls of each run in order: the goal is one in every run, not in the median. */
  refreshCallsPerRun: number[]
}

/** What a tab shows once its Movies page has settled. */
function settledOutcome(page: Page): Promise<string> {
  return page
    .waitForFunction(
      () => {
        if (location.pathname === '/login') return 'signed-out'
        if (document.querySelector('.movie-card:not(.skeleton-card)')) return 'movies'
        if (document.body.textContent?.includes('could not load')) return 'error'
        return false
      },
      undefined,
      { timeout: 20_000, polling: 50 },
    )
    .then((handle) => handle.jsonValue())
    .then(String, () => 'timeout')
}

/**
 * Signs in afresh and opens `k` tabs on a not-found page, each restored from the cookie. Setup
 * only: a grace window lets the tabs restore side by side without a reuse alarm in the per-tab
 * build; the caller closes it again before the moment that is measured.
 */
async function openSignedInTabs(context: BrowserContext, build: TabsBuild, k: number) {
  const { origin, lab } = build
  await lab.reset()
  await lab.configure({ ...LAB_SETTINGS, refreshReuseGraceSec: 60 })
  await signInThroughApi(context, origin)
  return Promise.all(
    Array.from({ length: k }, async () => {
      const page = await context.newPage()
      await page.goto(`${origin}${IDLE_PATH}`)
      await page.getByRole('link', { name: 'Go to Movies' }).waitFor()
      return page
    }),
  )
}

/**
 * K tabs of one signed-in browser hold valid tokens; the server's clock then runs past their
 * expiry, and every tab clicks "Go to Movies" at the same wall-clock moment, so each one's first
 * requests meet a 401 together.
 */
async function tabsOnce(context: BrowserContext, build: TabsBuild, k: number) {
  const { lab } = build
  const pages = await openSignedInTabs(context, build, k)
  try {
    // Every tab's restore has answered once the network is quiet.
    await Promise.all(pages.map((page) => page.waitForLoadState('networkidle')))
    const before = await lab.stats()
    await lab.configure({ refreshReuseGraceSec: 0, serverClockSkewSec: EXPIRY_JUMP_SEC })
    const at = Date.now() + 250 + 25 * k
    await Promise.all(
      pages.map((page) =>
        page.evaluate((moment) => {
          setTimeout(
            () => document.querySelector<HTMLAnchorElement>('a[href="/movies"]')?.click(),
            moment - Date.now(),
          )
        }, at),
      ),
    )
    const outcomes = await Promise.all(pages.map(settledOutcome))
    // A signed-out tab may still be finishing a refresh call; let the counters catch up.
    await sleep(300)
    const after = await lab.stats()
    return {
      refreshCalls: after.refreshCalls - before.refreshCalls,
      reuseDetections: after.reuseDetections - before.reuseDetections,
      failedTabs: outcomes.filter((outcome) => outcome !== 'movies').length,
    }
  } finally {
    await Promise.all(pages.map((page) => page.close()))
  }
}

/** How long the server holds each refresh answer in the frozen-tab case: the freeze lands inside it. */
const HELD_REFRESH_MS = 2000
const FROZEN_CASE_TABS = 3

/**
 * Three tabs with an expired token; the first starts its refresh and is frozen before the answer
 * (paused in the debugger as well: Chromium keeps running the script of a page automation froze).
 * The other two then need a token: they must pass the frozen holder of the refresh lock by and
 * share one refresh, without a reuse. Counts cover that moment and the thaw after it.
 */
async function frozenTabOnce(context: BrowserContext, build: TabsBuild) {
  const { lab } = build
  const pages = await openSignedInTabs(context, build, FROZEN_CASE_TABS)
  const [frozen, ...others] = pages as [Page, ...Page[]]
  try {
    await Promise.all(pages.map((page) => page.waitForLoadState('networkidle')))
    const before = await lab.stats()
    await lab.configure({
      refreshReuseGraceSec: 0,
      serverClockSkewSec: EXPIRY_JUMP_SEC,
      refreshLatencyMs: HELD_REFRESH_MS,
    })
    const refreshSent = frozen.waitForRequest('**/api/auth/refresh')
    await frozen.getByRole('link', { name: 'Go to Movies' }).click()
    await refreshSent
    const lifecycle = await context.newCDPSession(frozen)
    await lifecycle.send('Page.setWebLifecycleState', { state: 'frozen' })
    await lifecycle.send('Debugger.enable')
    await lifecycle.send('Debugger.pause')
    await Promise.all(
      others.map((page) => page.getByRole('link', { name: 'Go to Movies' }).click()),
    )
    const outcomes = await Promise.all(others.map(settledOutcome))
    await lifecycle.send('Debugger.resume')
    await lifecycle.send('Page.setWebLifecycleState', { state: 'active' })
    const thawed = await settledOutcome(frozen)
    await sleep(300)
    const after = await lab.stats()
    return {
      refreshCalls: after.refreshCalls - before.refreshCalls,
      reuseDetections: after.reuseDetections - before.reuseDetections,
      failedTabs: [...outcomes, thawed].filter((outcome) => outcome !== 'movies').length,
    }
  } finally {
    await Promise.all(pages.map((page) => page.close()))
  }
}

export async function runTabs(browser: Browser, builds: readonly TabsBuild[]): Promise<TabsRow[]> {
  // One context per build for the whole scenario: its HTTP and code caches stay warm, so a run
  // costs page starts rather than downloads and compiles. Each run signs in afresh.
  const contexts = await Promise.all(builds.map(() => browser.newContext()))
  try {
    const rows: TabsRow[] = []
    for (const k of TAB_COUNTS) {
      const runs = builds.map((build, i) => ({
        build,
        context: contexts[i],
        samples: createSamples(METRICS),
        refreshCallsPerRun: [] as number[],
      }))
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        for (const { build, context, samples, refreshCallsPerRun } of runs) {
          if (!context) continue
          progress(`tabs K=${k} ${build.name}, run ${repeat + 1}/${REPEATS}`)
          const figures = await tabsOnce(context, build, k)
          for (const metric of METRICS) samples.add(metric, figures[metric])
          refreshCallsPerRun.push(figures.refreshCalls)
        }
      }
      for (const { build, samples, refreshCallsPerRun } of runs) {
        rows.push({
          k,
          build: build.name,
          frozenTab: false,
          figures: samples.figures(),
          refreshCallsPerRun,
        })
      }
    }
    for (const [i, build] of builds.entries()) {
      const context = contexts[i]
      if (!context) continue
      const samples = createSamples(METRICS)
      const refreshCallsPerRun: number[] = []
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        progress(`tabs, one frozen mid-refresh, ${build.name}, run ${repeat + 1}/${REPEATS}`)
        const figures = await frozenTabOnce(context, build)
        for (const metric of METRICS) samples.add(metric, figures[metric])
        refreshCallsPerRun.push(figures.refreshCalls)
      }
      rows.push({
        k: FROZEN_CASE_TABS,
        build: `${build.name}, one tab frozen mid-refresh`,
        frozenTab: true,
        figures: samples.figures(),
        refreshCallsPerRun,
      })
    }
    return rows
  } finally {
    await Promise.all(contexts.map((context) => context.close()))
  }
}

export function tabsTable(rows: readonly TabsRow[]): Table {
  return {
    title: '4. Tabs: K Chromium tabs of the production build, expired token, one request moment',
    headers: [
      'K',
      'build',
      'refresh calls',
      'refresh calls, run by run',
      'reuse detections',
      'tabs without their movies',
    ],
    rows: rows.map(({ k, build, figures, refreshCallsPerRun }) => [
      String(k),
      build,
      formatSummary(figures.refreshCalls),
      refreshCallsPerRun.join(', '),
      formatSummary(figures.reuseDetections),
      formatSummary(figures.failedTabs),
    ]),
    notes: [
      `The rows "one tab frozen mid-refresh": ${FROZEN_CASE_TABS} tabs, the server holds each refresh answer ${HELD_REFRESH_MS} ms, the first tab's refresh is frozen in flight, the other two click at once; counts include the thaw. Expect 2 refresh calls (the frozen tab's own, answered while it was frozen, and one for the other two; thawed, the tab drops its own answer and takes the token posted meanwhile) and no reuse; the per-tab baseline of the same case is the row below it.`,
      `Median (range) of ${REPEATS} runs, and each run's refresh calls in the order they ran. One browser context signs in, K tabs restore on a not-found page, the server clock moves past expiry, and every tab clicks "Go to Movies" at the same wall-clock moment (its movies and watchlist requests meet a 401). Counters are the lab's, for that moment only.`,
    ],
  }
}
