import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { setTimeout as delay } from 'node:timers/promises'

/**
 * The stack's long-running servers. Each starts in a process group of its own, so stopping it
 * reaches every process it forked (gunicorn's workers, npm's node), and a Ctrl-C in the terminal
 * reaches only the stack itself, which then stops them in order.
 */
export interface Service {
  name: string
  child: ChildProcess
  logFile: string
}

/** Its output goes to a file (a pipe nobody reads would block it once full). */
export function startService(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions & { logFile: string },
): Service {
  const { logFile, ...spawnOptions } = options
  const log = openSync(logFile, 'a')
  const child = spawn(command, args, {
    ...spawnOptions,
    detached: true,
    stdio: ['ignore', log, log],
  })
  return { name, child, logFile }
}

export function hasExited({ child }: Service): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/** Stops the service's whole process group and waits until its leader has gone. */
export async function stopService(service: Service, signal: NodeJS.Signals = 'SIGTERM') {
  if (hasExited(service) || service.child.pid === undefined) return
  const exited = once(service.child, 'exit')
  try {
    process.kill(-service.child.pid, signal)
  } catch {
    // the group has gone already
  }
  await exited
}

export class StartError extends Error {}

/**
 * Waits until `ready` says yes, polling: a server says nothing when it starts listening. Fails
 * with the service's log as soon as it exits instead.
 */
export async function waitUntilReady(service: Service, ready: () => Promise<boolean>) {
  for (;;) {
    if (hasExited(service)) {
      throw new StartError(
        `${service.name} exited while starting:\n${readFileSync(service.logFile, 'utf8')}`,
      )
    }
    if (await ready().catch(() => false)) return
    await delay(100)
  }
}

/** Runs a command to its end; its output is shown only when it fails. */
export function runToEnd(command: string, args: readonly string[], options: SpawnOptions = {}) {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8' })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`
    throw new StartError(`${[command, ...args].join(' ')} failed:\n${output}`)
  }
  return result.stdout
}
