import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../lib/app-build'
import type { Measured } from '../lib/measured'

const RESULTS_FILE = join(ROOT, 'bench/results.json')

async function committedResults(): Promise<Record<string, unknown>> {
  const results: unknown = JSON.parse(await readFile(RESULTS_FILE, 'utf8'))
  if (typeof results !== 'object' || results === null) {
    throw new Error(`${RESULTS_FILE} is not an object`)
  }
  return results as Record<string, unknown>
}

/**
 * Puts figures under their own keys of bench/results.json and leaves every other key as it was:
 * the stack's scenarios and Lighthouse run on their own, not in the full `npm run bench` that
 * rewrites the file.
 */
export async function mergeIntoResults(figures: Record<string, unknown>): Promise<string> {
  const results = await committedResults()
  await writeFile(RESULTS_FILE, `${JSON.stringify({ ...results, ...figures }, null, 2)}\n`)
  return RESULTS_FILE
}

/**
 * The stack's figures in bench/results.json, which a full run keeps as they are: it does not
 * run the stack's scenarios, and its new file would otherwise drop what their own runs measured.
 */
export async function keptStackFigures(keys: readonly string[]): Promise<Record<string, unknown>> {
  const results = await committedResults()
  return Object.fromEntries(Object.entries(results).filter(([key]) => keys.includes(key)))
}

/** Where a stack scenario's figures came from, and what they cost in wall-clock time. */
export interface SuiteMeasured extends Measured {
  /** This scenario's own phase, seconds (a population's includes its browsers' sign-in). */
  phaseSec?: number
  /** The whole command that measured it: the stack's boot, every phase it ran, the teardown. */
  runSec?: number
  /** Each phase of that command in the order they ran (boot, stack, sign-in, population, …). */
  phasesSec?: Record<string, number>
}

/** The table note on what a phase cost, when the figures say it. */
export function phaseNote(measured: SuiteMeasured | undefined): string[] {
  if (measured?.phaseSec === undefined || measured.runSec === undefined) return []
  return [
    `This phase took ${Math.round(measured.phaseSec)} s of the command's ${Math.round(measured.runSec)} s.`,
  ]
}
