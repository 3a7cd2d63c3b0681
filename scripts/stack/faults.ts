import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { setTimeout as delay } from 'node:timers/promises'
import { promisify } from 'node:util'
import { pgCtlCommand } from './postgres.ts'
import type { StackState } from './state.ts'

const run = promisify(execFile)

/**
 * Faults a running test stack (`npm run test:stack`) survives, for tests that break one part and
 * check the rest: each returns once the fault has happened, not once the stack has healed.
 */

/** The processes a process has forked (gunicorn's workers, nginx's workers), by id. */
export function childrenOf(pid: number): number[] {
  const list = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
  return list.split(' ').filter(Boolean).map(Number)
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Waits until `done` says yes: a process says nothing when it has exited or forked. */
async function until(done: () => boolean) {
  while (!done()) await delay(50)
}

/**
 * Kills one worker of instance `index` with SIGKILL, as the kernel's out-of-memory killer would;
 * its gunicorn master forks a new one. Returns the killed worker's id.
 */
export async function killWorker(state: StackState, index = 0): Promise<number> {
  const master = state.gunicornPids[index] ?? 0
  const [worker] = childrenOf(master)
  if (worker === undefined) throw new Error(`gunicorn ${master} has no worker to kill`)
  process.kill(worker, 'SIGKILL')
  await until(() => !childrenOf(master).includes(worker))
  return worker
}

/**
 * Stops instance `index` (SIGTERM to its gunicorn master: requests in flight are finished) and
 * returns once it has gone. A test stack starts it again and names the new master in its state
 * file.
 */
export async function stopInstance(state: StackState, index: number) {
  const master = state.gunicornPids[index] ?? 0
  process.kill(master, 'SIGTERM')
  await until(() => !isRunning(master))
}

/**
 * Restarts PostgreSQL (a fast shutdown: open connections are cut) while Django keeps running, and
 * returns once it accepts connections again. Without blocking: a load generator in the same
 * process keeps sending while the database is away, or it would miss the very outage it measures.
 */
export async function restartPostgres(state: StackState) {
  const [command = '', ...args] = pgCtlCommand(state.cluster, 'restart')
  await run(command, args)
}

/**
 * Has nginx reload its configuration (SIGHUP): new workers start, the old ones finish what they
 * hold and exit. Returns once every old worker has gone, when only the new configuration serves.
 */
export async function reloadNginx(state: StackState) {
  const before = childrenOf(state.nginx.pid)
  process.kill(state.nginx.pid, 'SIGHUP')
  await until(() => !childrenOf(state.nginx.pid).some((worker) => before.includes(worker)))
}
