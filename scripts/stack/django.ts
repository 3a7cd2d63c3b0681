import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { backendDir, python } from '../django-backend.mjs'
import { runToEnd, startService, type Service } from './processes.ts'

/** Debian's gunicorn, which runs on the same Python as Debian's Django. */
export const GUNICORN = process.env['GUNICORN'] ?? '/usr/bin/gunicorn'

/** What every Django instance of the stack shares: one database, one signing key, one secret. */
export interface DjangoSettings {
  databaseUrl: string
  publicOrigin: string
  /** Other origins the same app is reached at (its loopback address): accepted, not advertised. */
  otherOrigins: readonly string[]
  /** Where the mock providers listen, for the server-to-server half of social sign-in. */
  providerEnv: Record<string, string>
  testReset: boolean
}

/** The ES256 key every instance signs access tokens with (reel_server/signing_keys.py). */
export function writeSigningKey(dir: string): string {
  const file = join(dir, 'signing-key.pem')
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 })
  return file
}

export function djangoEnv(settings: DjangoSettings, signingKeyFile: string) {
  const origins = [settings.publicOrigin, ...settings.otherOrigins]
  return {
    ...process.env,
    ...settings.providerEnv,
    DATABASE_URL: settings.databaseUrl,
    DJANGO_SECRET_KEY: randomBytes(32).toString('hex'),
    REEL_SIGNING_KEY_FILE: signingKeyFile,
    REEL_PUBLIC_ORIGIN: settings.publicOrigin,
    REEL_APP_ORIGINS: settings.otherOrigins.join(','),
    REEL_ALLOWED_HOSTS: origins.map((origin) => new URL(origin).hostname).join(','),
    // nginx, which overwrites X-Forwarded-For with the address that connected to it.
    REEL_TRUSTED_PROXIES: '127.0.0.1',
    // Django refuses the reset route in production (it wipes every account), so a stack for
    // tests runs with every production setting but without the switch that demands them.
    ...(settings.testReset ? { REEL_TEST_RESET: '1' } : { REEL_PRODUCTION: '1' }),
  }
}

/** `manage.py` with the instances' settings, for the checks and set-up before they start. */
export function manage(env: NodeJS.ProcessEnv, args: readonly string[]) {
  return runToEnd(python, ['manage.py', ...args], { cwd: backendDir, env })
}

/** The gunicorn worker classes the stack offers (`--worker-class`). */
export const WORKER_CLASSES = ['sync', 'gthread'] as const
export type WorkerClass = (typeof WORKER_CLASSES)[number]

export function workerClassFlag(value: string | undefined): WorkerClass {
  const known = WORKER_CLASSES.find((name) => name === value)
  if (!known)
    throw new Error(`--worker-class must be one of ${WORKER_CLASSES.join(', ')}, not ${value}`)
  return known
}

export interface InstanceOptions {
  port: number
  workers: number
  workerClass: WorkerClass
  logFile: string
  /** The backend's directory: another checkout's, for a benchmark that compares two versions. */
  backend?: string
}

/** One instance: Debian's gunicorn serving reel_server.wsgi on 127.0.0.1:port. */
export function startInstance(
  env: NodeJS.ProcessEnv,
  { port, workers, workerClass, logFile, backend = backendDir }: InstanceOptions,
): Service {
  // prettier-ignore
  return startService(`gunicorn on port ${port}`, GUNICORN, [
    // The backend's own gunicorn settings: preloaded app, forwarded headers left to Django.
    '--config', 'python:reel_server.gunicorn_conf',
    '--bind', `127.0.0.1:${port}`, '--workers', String(workers), '--worker-class', workerClass,
    // gunicorn_conf.py gives gthread its threads; more than one would quietly turn sync into gthread.
    ...(workerClass === 'sync' ? ['--threads', '1'] : []),
    // Stopping waits at most this long for a request in flight.
    '--graceful-timeout', '5',
    'reel_server.wsgi',
  ], { cwd: backend, env, logFile })
}
