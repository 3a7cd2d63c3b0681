/**
 * Where a scenario's figures came from. The stack's scenarios run on their own and are merged
 * into bench/results.json beside a full run's figures, so each carries its own commit and command.
 */
export interface Measured {
  source: string
  generatedAt: string
  command: string
}

/** The table note that names the commit, date and command, when the figures say them. */
export const measuredNote = (measured: Measured | undefined): string[] =>
  measured
    ? [
        `Measured at commit \`${measured.source}\` on ${measured.generatedAt.slice(0, 10)} with \`${measured.command}\`.`,
      ]
    : []
