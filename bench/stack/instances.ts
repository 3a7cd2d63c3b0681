import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { python } from '../../scripts/lib/django.mjs'
import { startInstance, type WorkerClass } from '../../scripts/stack/django.ts'
import {
  runToEnd,
  stopService,
  waitUntilReady,
  type Service,
} from '../../scripts/stack/processes.ts'
import type { StackState } from '../../scripts/stack/state.ts'
import { ROOT } from '../lib/app-build'

/**
 * Named from the repository's root: bundled into bench/.out, scripts/lib/django.mjs would
 * look for the backend beside the bundle.
 */
const BACKEND = join(ROOT, 'backends/django')

/**
 * Django instances the benchmark starts beside the stack's two, on the stack's database, to
 * compare one thing at a time against the stack's own instance: the session check switched off
 * (reel_server.bench_settings), another worker class, or another version of the backend. They
 * run without REEL_PRODUCTION (the bench settings refuse it) and sign with a key of their own,
 * so their tokens come from signing in to them.
 */
export interface ExtraInstance {
  url: string
  stop(): Promise<void>
}

export interface ExtraInstanceOptions {
  port: number
  settingsModule?: 'reel_server.settings' | 'reel_server.bench_settings'
  workerClass?: WorkerClass
  /** A git ref: the backend as it was there (`git archive`), e.g. `main` before a change. */
  ref?: string
}

function instanceEnv(state: StackState, settingsModule: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DJANGO_SETTINGS_MODULE: settingsModule,
    DATABASE_URL: state.cluster.databaseUrl,
    REEL_PUBLIC_ORIGIN: state.url,
    REEL_ALLOWED_HOSTS: '127.0.0.1',
    REEL_TRUSTED_PROXIES: '127.0.0.1',
    // The warning that an instance without a key file signs with a key of its own.
    PYTHONWARNINGS: 'ignore::RuntimeWarning',
  }
}

export async function startExtraInstance(
  state: StackState,
  {
    port,
    settingsModule = 'reel_server.settings',
    workerClass = 'gthread',
    ref,
  }: ExtraInstanceOptions,
): Promise<ExtraInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'reel-bench-instance-'))
  if (ref) {
    const archive = execFileSync('git', ['archive', ref, 'backends/django'], { cwd: ROOT })
    execFileSync('tar', ['-x', '-C', dir], { input: archive })
  }
  const service: Service = startInstance(instanceEnv(state, settingsModule), {
    port,
    workers: 2,
    workerClass,
    logFile: join(dir, 'gunicorn.log'),
    backend: ref ? join(dir, 'backends/django') : BACKEND,
  })
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    await stopService(service)
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitUntilReady(service, async () => (await fetch(`${url}/api/.well-known/jwks.json`)).ok)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, stop }
}

/** `count` accounts `bench-0`… (or another prefix) with one password, on the stack's database. */
/** The password of every account the benchmark seeds. */
export const BENCH_PASSWORD = 'bench-password-1'

export function seedBenchUsers(
  state: StackState,
  count: number,
  password: string,
  prefix = 'bench-',
): string[] {
  // prettier-ignore
  runToEnd(python, [
    'manage.py', 'seedbenchusers', '--count', String(count), '--prefix', prefix, '--password', password,
  ], { cwd: BACKEND, env: instanceEnv(state, 'reel_server.settings') })
  return Array.from({ length: count }, (_, n) => `${prefix}${n}`)
}
