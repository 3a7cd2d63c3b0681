import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { launch } from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { z } from 'zod'
import { startProductionServer } from '../lib/app-build'
import { signInThroughForm } from '../lib/browser'
import { progress } from '../lib/progress'
import { createSamples } from '../lib/stats'
import { apiRequestSummary, keepReport, lcpElement, scriptCostSummary } from './lighthouse-detail'
import { CATEGORIES, RUNS, type LighthouseRow } from './lighthouse-table'

const METRICS = {
  cls: 'cumulative-layout-shift',
  lcpMs: 'largest-contentful-paint',
  tbtMs: 'total-blocking-time',
} as const

/** Chromium without the services that reach for a network this machine may not have. */
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

/**
 * A page of the same server with no app: the same headers, compression and HTML shell, nothing
 * else. Its figures are what the server and the browser cost on their own.
 */
const BASELINE_FILE = 'bench-baseline.html'
const BASELINE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="description" content="A static page served beside Reel, with no app." />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <title>Reel baseline</title>
  </head>
  <body>
    <main>
      <h1>Reel</h1>
      <p>A static page served by the same server as the app, without any script.</p>
    </main>
  </body>
</html>
`

interface LighthousePage {
  name: string
  path: string
  signedIn: boolean
}

const PAGES: LighthousePage[] = [
  { name: 'baseline: static page, no app', path: `/${BASELINE_FILE}`, signedIn: false },
  { name: '/login, visitor', path: '/login', signedIn: false },
  { name: '/movies, signed in', path: '/movies', signedIn: true },
  { name: '/account, signed in', path: '/account', signedIn: true },
]

/** The parts of Lighthouse's report this scenario reads, checked rather than trusted. */
const reportSchema = z.object({
  categories: z.record(
    z.string(),
    z.object({
      score: z.number().nullable(),
      auditRefs: z.array(z.object({ id: z.string(), weight: z.number() })),
    }),
  ),
  audits: z.record(
    z.string(),
    z.object({
      title: z.string(),
      score: z.number().nullable(),
      scoreDisplayMode: z.string(),
      numericValue: z.number().optional(),
    }),
  ),
  runWarnings: z.array(z.string()),
  runtimeError: z.object({ code: z.string(), message: z.string() }).optional(),
})
type Report = z.infer<typeof reportSchema>

/** Audits of `category` that count towards its score and did not pass. */
function failedAudits(report: Report, category: string): string[] {
  const refs = report.categories[category]?.auditRefs ?? []
  return refs.flatMap(({ id }) => {
    const audit = report.audits[id]
    const scored = audit && ['binary', 'numeric'].includes(audit.scoreDisplayMode)
    return scored && audit.score !== null && audit.score < 1 ? [`${category}: ${audit.title}`] : []
  })
}

/** Empties the HTTP cache, which `disableStorageReset` leaves as the sign-in filled it. */
async function clearHttpCache(browser: Browser): Promise<void> {
  const context = browser.contexts()[0]
  if (!context) throw new Error('Chromium has no default context')
  const page = await context.newPage()
  try {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.clearBrowserCache')
  } finally {
    await page.close()
  }
}

async function auditPage(
  page: LighthousePage,
  origin: string,
  port: number,
  browser: Browser,
): Promise<LighthouseRow> {
  const samples = createSamples([...CATEGORIES, ...Object.keys(METRICS)])
  const failed = new Set<string>()
  for (let run = 1; run <= RUNS; run++) {
    progress(`lighthouse, ${page.name}, run ${run}/${RUNS}`)
    await clearHttpCache(browser)
    // Mobile and simulated throttling: Lighthouse's defaults. Storage is kept, so a signed-in
    // page restores its session from the refresh cookie, as a returning person's would.
    const result = await lighthouse(`${origin}${page.path}`, {
      port,
      output: 'json',
      logLevel: 'error',
      disableStorageReset: true,
      onlyCategories: [...CATEGORIES],
    })
    if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`)
    const report = reportSchema.parse(result.lhr)
    for (const warning of report.runWarnings) progress(`  warning: ${warning}`)
    progress(`  report ${await keepReport(page.path, run, result.lhr)}`)
    progress(`  ${scriptCostSummary(result.lhr)}`)
    progress(`  ${apiRequestSummary(result.lhr)}`)
    const scores = CATEGORIES.map((category) => report.categories[category]?.score ?? null)
    const values = Object.values(METRICS).map((id) => report.audits[id]?.numericValue ?? null)
    // A run Lighthouse could not score (a page too slow to paint on a busy machine) is left out;
    // the figures' run count then says how many remained.
    if (report.runtimeError || scores.includes(null) || values.includes(null)) {
      progress(`  run left out: ${report.runtimeError?.message ?? 'a score is missing'}`)
      continue
    }
    CATEGORIES.forEach((category, i) => samples.add(category, 100 * (scores[i] ?? 0)))
    Object.keys(METRICS).forEach((name, i) => samples.add(name, values[i] ?? 0))
    for (const category of ['accessibility', 'best-practices']) {
      for (const audit of failedAudits(report, category)) failed.add(audit)
    }
  }
  progress(`  LCP candidates: ${await lcpElement(browser, `${origin}${page.path}`)}`)
  return { page: page.name, path: page.path, figures: samples.figures(), failedAudits: [...failed] }
}

/**
 * Lighthouse on the production server's build: a static page of that server for a baseline, the
 * sign-in page as a visitor, then the movies and account pages signed in as demo. Playwright
 * signs in through the form in the same Chromium, over the DevTools port Lighthouse also uses.
 */
export async function runLighthouse(distDir: string, port: number): Promise<LighthouseRow[]> {
  await writeFile(join(distDir, BASELINE_FILE), BASELINE_HTML)
  const server = await startProductionServer(distDir, port)
  // By name, not 127.0.0.1: WebAuthn refuses an IP address as relying party, and the sign-in
  // page's passkey autofill would fail there as it never does for a person.
  const origin = `http://localhost:${port}`
  const chrome = await launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  })
  try {
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`)
    const rows: LighthouseRow[] = []
    let signedIn = false
    for (const page of PAGES) {
      if (page.signedIn && !signedIn) {
        const context = browser.contexts()[0]
        if (!context) throw new Error('Chromium has no default context')
        const tab = await context.newPage()
        await signInThroughForm(tab, origin)
        // Closed, so no open tab of the app refreshes the session beside the audited one.
        await tab.close()
        signedIn = true
      }
      rows.push(await auditPage(page, origin, chrome.port, browser))
    }
    return rows
  } finally {
    chrome.kill()
    await server.stop()
  }
}
