import type { Browser, BrowserContext } from '@playwright/test'
import { IDLE_PATH, signInThroughForm } from '../lib/browser'
import type { Lab } from '../lib/mock-host'
import { progress } from '../lib/progress'
import { createSamples, formatSummary, type Figures } from '../lib/stats'
import type { Table } from '../lib/table'
import { LAB_SETTINGS } from './burst'

const PAIRS = 10
const SIGNED_IN_MARK = 'bench:signed-in'
const NOT_FOUND_MARK = 'bench:not-found'

/**
 * Runs in every page before the app: marks the first frame after the signed-in header shows the
 * user's name, and the first frame after the not-found heading appears. Marks, not globals, so
 * nothing is added to `window`.
 */
function markFirstContent(names: { signedIn: string; notFound: string }): void {
  const seen = new Set<string>()
  const markNextFrame = (name: string) => {
    seen.add(name)
    requestAnimationFrame(() => performance.mark(name))
  }
  new MutationObserver(() => {
    if (!seen.has(names.signedIn) && document.querySelector('.user-name')?.textContent) {
      markNextFrame(names.signedIn)
    }
    if (
      !seen.has(names.notFound) &&
      document.querySelector('h1')?.textContent === 'Page not found'
    ) {
      markNextFrame(names.notFound)
    }
  }).observe(document, { childList: true, subtree: true, characterData: true })
}

/** Milliseconds from navigation start to `mark`, and the page's refresh round trip. */
async function openAndTime(context: BrowserContext, url: string, mark: string) {
  const page = await context.newPage()
  try {
    await page.goto(url)
    const markAt = await page
      .waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime ?? false, mark, {
        timeout: 20_000,
        polling: 'raf',
      })
      .then((handle) => handle.jsonValue())
      .then(Number)
    const refreshMs = await page
      .waitForFunction(
        () => {
          const entry = performance
            .getEntriesByType('resource')
            .find((resource) => resource.name.endsWith('/api/auth/refresh'))
          return entry instanceof PerformanceResourceTiming && entry.responseEnd > 0
            ? entry.responseEnd - entry.startTime
            : false
        },
        undefined,
        { timeout: 20_000 },
      )
      .then((handle) => handle.jsonValue())
      .then(Number)
    return { markAt, refreshMs }
  } finally {
    await page.close()
  }
}

const METRICS = ['signedInMs', 'shellMs', 'refreshMs', 'baselineMs', 'ratio'] as const

/**
 * With a refresh cookie, navigation → first signed-in content on /movies, against a baseline of
 * the same build's not-found page (which renders without waiting for the session: the app with
 * authentication out of the way) plus that page's own refresh round trip from Resource Timing.
 */
export async function runColdStart(browser: Browser, origin: string, lab: Lab): Promise<Figures> {
  await lab.reset()
  await lab.configure(LAB_SETTINGS)
  const context = await browser.newContext()
  try {
    await context.addInitScript(markFirstContent, {
      signedIn: SIGNED_IN_MARK,
      notFound: NOT_FOUND_MARK,
    })
    const signIn = await context.newPage()
    await signInThroughForm(signIn, origin)
    await signIn.close()
    const samples = createSamples(METRICS)
    // The first pair warms the HTTP cache and the server; it is not recorded.
    for (let pair = -1; pair < PAIRS; pair++) {
      if (pair >= 0) progress(`cold start, pair ${pair + 1}/${PAIRS}`)
      const signedIn = await openAndTime(context, `${origin}/movies`, SIGNED_IN_MARK)
      const shell = await openAndTime(context, `${origin}${IDLE_PATH}`, NOT_FOUND_MARK)
      if (pair < 0) continue
      const baseline = shell.markAt + shell.refreshMs
      samples.add('signedInMs', signedIn.markAt)
      samples.add('shellMs', shell.markAt)
      samples.add('refreshMs', shell.refreshMs)
      samples.add('baselineMs', baseline)
      samples.add('ratio', signedIn.markAt / baseline)
    }
    return samples.figures()
  } finally {
    await context.close()
  }
}

export function coldStartTable(figures: Figures): Table {
  return {
    title: `6. Cold start: navigation → first signed-in content, with a refresh cookie (${PAIRS} pairs)`,
    headers: [
      'signed-in header, ms',
      'app shell without auth, ms',
      'refresh round trip, ms',
      'baseline (shell + refresh), ms',
      '× baseline',
    ],
    rows: [
      [
        formatSummary(figures.signedInMs),
        formatSummary(figures.shellMs),
        formatSummary(figures.refreshMs),
        formatSummary(figures.baselineMs),
        formatSummary(figures.ratio, 2),
      ],
    ],
    notes: [
      "Times from navigation start to the first animation frame after the content is in the DOM (Performance marks set by an init script). Baseline: the same build's not-found page, which renders without waiting for the session, plus the refresh round trip that same page made (Resource Timing). The not-found page is lighter than the signed-in layout, so the baseline flatters the shell slightly.",
    ],
  }
}
