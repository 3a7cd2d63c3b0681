import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../lib/app-build'

/**
 * Puts the stack's figures under their own keys of bench/results.json and leaves every other
 * key as it was: the stack and population scenarios need the production stack and run on their
 * own, not in the full `npm run bench` that rewrites the file.
 */
export async function mergeIntoResults(figures: Record<string, unknown>): Promise<string> {
  const file = join(ROOT, 'bench/results.json')
  const results = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
  await writeFile(file, `${JSON.stringify({ ...results, ...figures }, null, 2)}\n`)
  return file
}

/**
 * The stack's figures in bench/results.json, which a full run keeps as they are: it does not
 * run the stack's scenarios, and its new file would otherwise drop what their own runs measured.
 */
export async function keptStackFigures(keys: readonly string[]): Promise<Record<string, unknown>> {
  const file = join(ROOT, 'bench/results.json')
  const results = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
  return Object.fromEntries(Object.entries(results).filter(([key]) => keys.includes(key)))
}
