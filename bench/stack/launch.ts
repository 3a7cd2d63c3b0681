import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { stackStateSchema, type StackState } from '../../scripts/stack/state.ts'
import { ROOT } from '../lib/app-build'
import { progress } from '../lib/progress'

/** The stack's own flags (scripts/stack/main.ts); the bench's defaults keep clear of `npm run stack`. */
export interface StackPorts {
  port: number
  dbPort: number
  apiPort: number
  providersPort: number
}

export interface LaunchOptions {
  ports: StackPorts
  /** gunicorn's worker class for both instances (`--worker-class`); the stack's default if unset. */
  workerClass?: string
  /** Added to the stack's environment, which its Django instances inherit. */
  env?: Record<string, string>
  /** `--test-reset`: a stopped instance is started again instead of stopping the stack. */
  testReset?: boolean
}

export interface RunningStack {
  state: StackState
  /** The stack's own process: its children (nginx, gunicorn, PostgreSQL) are found from it. */
  pid: number
  stop(): Promise<void>
}

/** The stack's ports from `REEL_BENCH_STACK_PORT` (a base, as test:stack's), else 8643 and up. */
export function benchStackPorts(): StackPorts {
  const base = Number(process.env['REEL_BENCH_STACK_PORT'] ?? 8643)
  return { port: base, dbPort: base + 1, apiPort: base + 2, providersPort: base + 4 }
}

/**
 * Starts `npm run stack` (scripts/stack.mjs) as test:stack does, waits for its ready line and
 * reads its state file. Resolves once every server answers; `stop()` takes it all down again.
 */
export async function launchStack({
  ports,
  workerClass,
  env,
  testReset = false,
}: LaunchOptions): Promise<RunningStack> {
  const dir = mkdtempSync(join(tmpdir(), 'reel-bench-stack-'))
  const stateFile = join(dir, 'stack.json')
  // prettier-ignore
  const args = [
    'scripts/stack.mjs', '--state-file', stateFile,
    '--port', String(ports.port), '--db-port', String(ports.dbPort),
    '--api-port', String(ports.apiPort), '--providers-port', String(ports.providersPort),
    ...(workerClass ? ['--worker-class', workerClass] : []),
    ...(testReset ? ['--test-reset'] : []),
  ]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await readyLine(child.stdout)
    // The rest of its output must still be read, or the stack blocks on a full pipe.
    child.stdout.resume()
    const state = stackStateSchema.parse(JSON.parse(readFileSync(stateFile, 'utf8')))
    return { state, pid: child.pid ?? 0, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

async function readyLine(output: Readable): Promise<void> {
  for await (const line of createInterface({ input: output })) {
    if (line.startsWith('Reel is ready at ')) {
      progress(`stack: ${line}`)
      return
    }
  }
  throw new Error('the stack stopped before it was ready')
}
