const started = performance.now()

/** One line on stderr with the time since start, so a long run shows where it is. */
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6)
  process.stderr.write(`[${seconds}s] ${message}\n`)
}

export const elapsedSeconds = (): number => (performance.now() - started) / 1000
