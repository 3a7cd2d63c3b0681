import { formatSummary, type Figures } from '../lib/stats'
import type { Table } from '../lib/table'

// The Lighthouse scenario's figures and their table, apart from the scenario itself so that the
// docs' figures script draws the table without loading Lighthouse and a browser.

/** Lighthouse's median over this many runs per page, as its own docs advise for stable scores. */
export const RUNS = 3
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
export interface LighthouseRow {
  page: string
  path: string
  /** Scores 0–100 and CLS, LCP (ms), TBT (ms): median, min and max over the runs. */
  figures: Figures
  /** Accessibility and best-practices audits that failed in any run: "category: title". */
  failedAudits: string[]
}

export function lighthouseTable(rows: LighthouseRow[]): Table {
  const cell = (row: LighthouseRow, name: string, digits = 0) =>
    formatSummary(row.figures[name], digits)
  const failures = rows.flatMap((row) => row.failedAudits.map((audit) => `${row.page}: ${audit}`))
  return {
    title: `10. Lighthouse 12, mobile, simulated throttling (${RUNS} runs a page)`,
    headers: ['page', ...CATEGORIES, 'CLS', 'LCP, ms', 'TBT, ms'],
    rows: rows.map((row) => [
      row.page,
      ...CATEGORIES.map((category) => cell(row, category)),
      cell(row, 'cls', 3),
      cell(row, 'lcpMs'),
      cell(row, 'tbtMs'),
    ]),
    notes: [
      "Production build served by `npm run serve`'s server with the mock API; Chromium headless. Baseline: a static HTML page of the same server without any script. Signed-in pages restore the session from the refresh cookie on load, as a returning person's do.",
      failures.length === 0
        ? 'No accessibility or best-practices audit failed.'
        : `Failed audits: ${failures.join('; ')}.`,
    ],
  }
}
