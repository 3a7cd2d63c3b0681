import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { runToEnd } from './processes.ts'

/** Everything a build reads; a change to any of them makes the last build stale. */
const INPUTS = ['src', 'contract', 'public', 'index.html', 'vite.config.ts', 'package-lock.json']

function hashInputs(): string {
  const hash = createHash('sha256')
  const add = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const child = join(path, entry.name)
      if (entry.isDirectory()) add(child)
      else hash.update(`${child}\0`).update(readFileSync(child))
    }
  }
  for (const input of INPUTS) {
    if (!existsSync(input)) continue
    if (statSync(input).isDirectory()) add(input)
    else hash.update(`${input}\0`).update(readFileSync(input))
  }
  return hash.digest('hex')
}

/**
 * The production build without the mock backend (REEL_API_URL set: vite.config.ts then leaves
 * the mocks out and `/api` to the real server), in a directory of its own so it never mixes with
 * the mock-backed builds of the other runs. Rebuilt only when an input changed since.
 */
export function buildApp(outDir: string, publicOrigin: string): 'built' | 'current' {
  // Beside the build, not in it: nginx serves everything in it.
  const stampDir = 'node_modules/.cache/reel'
  const stamp = join(stampDir, `${basename(outDir)}.inputs`)
  const inputs = hashInputs()
  if (existsSync(join(outDir, 'index.html')) && existsSync(stamp)) {
    if (readFileSync(stamp, 'utf8') === inputs) return 'current'
  }
  runToEnd('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], {
    env: { ...process.env, REEL_API_URL: publicOrigin },
  })
  mkdirSync(stampDir, { recursive: true })
  writeFileSync(stamp, inputs)
  return 'built'
}
