import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { z } from 'zod'
import { ROOT } from '../lib/app-build'

// What a score alone does not say, and noise does not change: which element is the largest
// paint, when the page's requests left, and which scripts held the main thread.

/** Every run's full report, for Lighthouse's viewer or a closer look. */
export const REPORTS_DIR = join(ROOT, 'bench/.out/lighthouse')

const detailSchema = z.object({
  audits: z.object({
    'bootup-time': z
      .object({ details: z.object({ items: z.array(z.unknown()) }).optional() })
      .optional(),
    'network-requests': z
      .object({ details: z.object({ items: z.array(z.unknown()) }).optional() })
      .optional(),
  }),
})
const bootupSchema = z.object({
  url: z.string(),
  scripting: z.number(),
  scriptParseCompile: z.number(),
})
const requestSchema = z.object({ url: z.string(), networkRequestTime: z.number() })

const fileName = (url: string) => new URL(url).pathname.split('/').pop() ?? url

/** The scripts that cost the main thread most, as Lighthouse scales them: run + parse, ms. */
export function scriptCostSummary(lhr: unknown): string {
  const items = detailSchema.parse(lhr).audits['bootup-time']?.details?.items ?? []
  const scripts = items.flatMap((item) => {
    const script = bootupSchema.safeParse(item)
    if (!script.success || !URL.canParse(script.data.url)) return []
    const { url, scripting, scriptParseCompile } = script.data
    return [`${fileName(url)} ${Math.round(scripting)}+${Math.round(scriptParseCompile)}`]
  })
  return `scripts, run+parse ms: ${scripts.join(', ') || 'none listed'}`
}

/** When each API request left, in the unthrottled run Lighthouse observed: the data's chain. */
export function apiRequestSummary(lhr: unknown): string {
  const items = detailSchema.parse(lhr).audits['network-requests']?.details?.items ?? []
  const requests = items.flatMap((item) => {
    const request = requestSchema.safeParse(item)
    if (!request.success) return []
    const { pathname } = new URL(request.data.url)
    const at = Math.round(request.data.networkRequestTime)
    return pathname.startsWith('/api/') ? [`${pathname} at ${at} ms`] : []
  })
  return `API requests: ${requests.join(', ') || 'none'}`
}

/** Writes a run's report as `<page>-<run>.json`. */
export async function keepReport(path: string, run: number, lhr: unknown): Promise<string> {
  await mkdir(REPORTS_DIR, { recursive: true })
  const name = path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-')
  const file = join(REPORTS_DIR, `${name}-${run}.json`)
  await writeFile(file, JSON.stringify(lhr))
  return file
}

const lcpEntrySchema = z.array(z.object({ element: z.string(), size: z.number() }))

/**
 * The page's largest contentful paint element, as the browser names it to the page: Lighthouse
 * 12.2's own LCP element audit fails on current Chromium traces. Read once the network is quiet,
 * when the page has drawn what its data brings.
 */
export async function lcpElement(browser: Browser, url: string): Promise<string> {
  const context = browser.contexts()[0]
  if (!context) throw new Error('Chromium has no default context')
  const tab = await context.newPage()
  try {
    await tab.addInitScript(() => {
      const entries: { element: string; size: number }[] = []
      Object.assign(window, { benchLcpEntries: entries })
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as LargestContentfulPaint[]) {
          const element = entry.element
          const name = element
            ? `${element.tagName.toLowerCase()}${element.className ? `.${element.className.split(' ').join('.')}` : ''}`
            : '(removed)'
          entries.push({ element: name, size: entry.size })
        }
      }).observe({ type: 'largest-contentful-paint', buffered: true })
    })
    await tab.goto(url, { waitUntil: 'networkidle' })
    const entries = lcpEntrySchema.parse(
      await tab.evaluate(() => (window as unknown as { benchLcpEntries: unknown }).benchLcpEntries),
    )
    return entries.map((entry) => `${entry.element} (${entry.size} px²)`).join(' → ')
  } finally {
    await tab.close()
  }
}
