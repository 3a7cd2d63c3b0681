import {
  childrenOf,
  killWorker,
  reloadNginx,
  restartPostgres,
  stopInstance,
} from '../../scripts/stack/faults.ts'
import type { StackState } from '../../scripts/stack/state.ts'
import { sleep } from '../lib/async'
import type { FaultName } from './faults-report'

/** How often a healing stack is looked at: a process forked, an instance answering again. */
const POLL_MS = 100
/**
 * nginx's fail_timeout, its default, which the stack's upstream keeps (server/deploy-snippets.ts):
 * an instance that failed one request is set aside this long, and nginx shows no one when it is
 * back. A fault injected sooner would meet one instance still set aside by the last (a worker
 * killed mid-request, an instance stopped) and fail requests the other could have served.
 */
const NGINX_FAIL_TIMEOUT_MS = 10_000

async function until(done: () => boolean | Promise<boolean>) {
  while (!(await done())) await sleep(POLL_MS)
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok
  } catch {
    return false
  }
}

export interface Fault {
  /** Returns once the fault has happened (scripts/stack/faults.ts). */
  inject(): Promise<void>
  /** Returns once the stack is whole again: what the next fault must meet. */
  healed(): Promise<void>
}

/**
 * Each fault on a stack started with `--test-reset`, which starts a stopped instance again. It
 * has healed once its processes have (the worker forked again, the instance answering; PostgreSQL's
 * restart and nginx's reload return only once they are done) and nginx's fail_timeout has passed.
 */
export function fault(name: FaultName, state: StackState): Fault {
  const processes = processFault(name, state)
  let injectedAt = 0
  return {
    async inject() {
      await processes.inject()
      injectedAt = performance.now()
    },
    async healed() {
      await processes.healed()
      // nginx's view of its instances cannot be read, only waited out.
      await sleep(Math.max(0, injectedAt + NGINX_FAIL_TIMEOUT_MS - performance.now()))
    },
  }
}

/** The worker is killed on the first instance and the second instance stopped. */
function processFault(name: FaultName, state: StackState): Fault {
  switch (name) {
    case 'gunicorn worker killed': {
      const master = state.gunicornPids[0] ?? 0
      const workers = childrenOf(master).length
      return {
        inject: async () => void (await killWorker(state, 0)),
        healed: () => until(() => childrenOf(master).length >= workers),
      }
    }
    case 'Django instance stopped':
      return {
        inject: () => stopInstance(state, 1),
        healed: () => until(() => answers(`${state.instances[1]}/api/.well-known/jwks.json`)),
      }
    case 'PostgreSQL restarted':
      return { inject: () => restartPostgres(state), healed: async () => {} }
    case 'nginx reloaded':
      return { inject: () => reloadNginx(state), healed: async () => {} }
  }
}
