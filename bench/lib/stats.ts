/** A median with the range it came from: with a handful of runs the range is the honest spread. */
export interface Summary {
  median: number
  min: number
  max: number
  runs: number
}

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 }
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? Number.NaN)
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
  return {
    median,
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    runs: sorted.length,
  }
}

/**
 * "median (min–max)", or just the median when every run agreed; `digits` applies to all three.
 * Counts (refresh calls, failures) usually agree, and then a bare number reads best.
 */
export function formatSummary(summary: Summary | undefined, digits = 0, unit = ''): string {
  const f = (value: number) => `${value.toFixed(digits)}${unit}`
  if (summary === undefined || summary.runs === 0) return '–'
  return summary.min === summary.max
    ? f(summary.median)
    : `${f(summary.median)} (${f(summary.min)}–${f(summary.max)})`
}

/** Summaries by metric name, as they go into bench/results.json. */
export type Figures = Record<string, Summary>

/** Collects one number per metric per run, then summarises each. */
export function createSamples<K extends string>(metrics: readonly K[]) {
  const samples = new Map<K, number[]>(metrics.map((metric) => [metric, []]))
  return {
    add(metric: K, value: number): void {
      samples.get(metric)?.push(value)
    },
    figures: (): Figures =>
      Object.fromEntries(metrics.map((metric) => [metric, summarise(samples.get(metric) ?? [])])),
  }
}
