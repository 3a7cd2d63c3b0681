import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { request } from 'node:https'
import { tmpdir, userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { djangoProviderEnv } from '../../mocks/django-provider-env.ts'
import { nginxConf } from '../../server/deploy-snippets.ts'
import { findBinary } from './binaries.ts'
import { buildApp } from './build.ts'
import { djangoEnv, manage, startInstance, workerClassFlag, writeSigningKey } from './django.ts'
import { nginxMainConf } from './nginx.ts'
import { missingPrerequisites } from './prerequisites.ts'
import { createCluster, stopCluster, type Cluster } from './postgres.ts'
import { StartError, startService, stopService, waitUntilReady, type Service } from './processes.ts'
import type { StackState } from './state.ts'
import { selfSignedCertificate } from './tls.ts'

/**
 * `npm run stack`: the production path on loopback, as one system. nginx serves the build and
 * balances /api/ over two Django instances under gunicorn, which share one PostgreSQL database
 * and one signing key; the mock Google, Kakao and Naver stand in for the real providers. Prints
 * one ready line; Ctrl-C or SIGTERM stops everything and removes every temporary file.
 */

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    'api-port': { type: 'string', default: '8001' },
    workers: { type: 'string', default: '2' },
    // gunicorn's worker class for every instance: `gthread` (a few threads per worker, and
    // kept-alive connections) or `sync`; reel_server/gunicorn_conf.py says why gthread.
    'worker-class': { type: 'string', default: 'gthread' },
    'db-port': { type: 'string', default: '55433' },
    'providers-port': { type: 'string', default: '9090' },
    'out-dir': { type: 'string', default: 'dist-stack' },
    'test-reset': { type: 'boolean', default: false },
    'state-file': { type: 'string' },
  },
})

function count(name: keyof typeof flags, max: number): number {
  const value = Number(flags[name])
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be a whole number from 1 to ${max}, not ${flags[name]}`)
  }
  return value
}

const port = count('port', 65535)
const apiPorts = [count('api-port', 65534), count('api-port', 65534) + 1]
const workers = count('workers', 16)
const workerClass = workerClassFlag(flags['worker-class'])
const dbPort = count('db-port', 65535)
const providersPort = count('providers-port', 65535)
// The origin the app is advertised at: a host name, since WebAuthn refuses an IP address as
// the relying party id, so passkeys work only there. nginx still listens on 127.0.0.1, and that
// origin keeps working for everything else (the certificate names both).
const publicOrigin = `https://localhost:${port}`
const loopbackOrigin = `https://127.0.0.1:${port}`
const providersUrl = `http://127.0.0.1:${providersPort}`

const root = mkdtempSync(join(tmpdir(), 'reel-stack-'))
// nginx's workers and PostgreSQL run as other users and must enter it; what is secret inside
// (keys, the database's password) is readable by its owner alone.
chmodSync(root, 0o755)
const services: Service[] = []
let cluster: Cluster | undefined
let stopping: Promise<void> | undefined

function stop(exitCode: number) {
  stopping ??= (async () => {
    // The front door first, the database last: nothing is left waiting on what has gone. A
    // step that fails (a database stopped by hand) is reported and the others still run.
    const steps = [
      ...services.reverse().map((service) => () => stopService(service)),
      () => cluster && stopCluster(cluster),
      () => rmSync(root, { recursive: true, force: true }),
    ]
    let failed = false
    for (const step of steps) {
      try {
        await step()
      } catch (error) {
        console.error(error instanceof Error ? error.message : error)
        failed = true
      }
    }
    process.exit(exitCode || Number(failed))
  })()
  return stopping
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.info(`\n${signal}: stopping the stack`)
    void stop(0)
  })
}

/** Any answer at all over TLS with the stack's certificate: the server listens. */
function answers(url: string, ca: string): Promise<boolean> {
  return new Promise((done) => {
    const req = request(url, { ca }, (response) => {
      response.resume()
      done(true)
    })
    req.on('error', () => done(false))
    req.end()
  })
}

async function httpAnswers(url: string) {
  return (await fetch(url)).status > 0
}

/**
 * Runs a service for as long as the stack runs; when it stops, the stack stops, unless
 * `restart` says what to do instead (a test stack starts a stopped instance again).
 */
function serve(service: Service, restart?: () => Promise<void>) {
  services.push(service)
  service.child.on('exit', (code, signal) => {
    if (stopping) return
    if (restart) {
      console.info(`${service.name} stopped (${signal ?? code}): starting it again`)
      restart().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error)
        void stop(1)
      })
      return
    }
    console.error(`${service.name} stopped (${signal ?? code}): stopping the stack`)
    console.error(readFileSync(service.logFile, 'utf8').split('\n').slice(-20).join('\n'))
    void stop(1)
  })
  return service
}

function pidOf(pid: number | undefined): number {
  if (pid === undefined) throw new StartError('a service has no process id: it did not start')
  return pid
}

function waitUntilInstanceReady(instance: Service | undefined, apiPort: number) {
  if (!instance) throw new StartError(`no instance was started on port ${apiPort}`)
  const jwks = `http://127.0.0.1:${apiPort}/api/.well-known/jwks.json`
  return waitUntilReady(instance, async () => (await fetch(jwks)).ok)
}

async function start() {
  const missing = missingPrerequisites()
  if (missing) throw new StartError(missing)
  const logs = join(root, 'logs')
  mkdirSync(logs)
  const tlsDir = join(root, 'tls')
  mkdirSync(tlsDir, { mode: 0o700 })

  cluster = createCluster(join(root, 'postgres'), dbPort)
  const env = djangoEnv(
    {
      databaseUrl: cluster.databaseUrl,
      publicOrigin,
      otherOrigins: [loopbackOrigin],
      providerEnv: djangoProviderEnv(providersUrl),
      testReset: flags['test-reset'],
    },
    writeSigningKey(tlsDir),
  )
  // The instances start only if Django itself finds nothing to warn about in production.
  manage(env, ['check', '--deploy', '--fail-level', 'WARNING'])
  manage(env, ['migrate', '--no-input', '--verbosity', '0'])
  manage(env, ['seedusers'])

  const outDir = resolve(flags['out-dir'])
  if (buildApp(outDir, publicOrigin) === 'built') console.info(`Built the app into ${outDir}`)

  const providers = serve(
    // prettier-ignore
    startService('the mock providers', 'npm', [
      'run', '--silent', 'providers', '--',
      '--port', String(providersPort), '--app-origin', publicOrigin,
    ], { logFile: join(logs, 'providers.log') }),
  )
  const instances: Service[] = []
  /** Starts instance `index`; a test stack starts it again when a fault test stops it. */
  const startApi = (index: number, apiPort: number) => {
    const instance = startInstance(env, {
      port: apiPort,
      workers,
      workerClass,
      logFile: join(logs, `${apiPort}.log`),
    })
    instances[index] = instance
    return serve(
      instance,
      flags['test-reset']
        ? async () => {
            await waitUntilInstanceReady(startApi(index, apiPort), apiPort)
            writeState()
          }
        : undefined,
    )
  }
  apiPorts.forEach((apiPort, index) => startApi(index, apiPort))

  const { certificate, key } = selfSignedCertificate(tlsDir)
  const prefix = join(root, 'nginx')
  mkdirSync(prefix, { mode: 0o755 })
  const siteFile = join(prefix, 'site.conf')
  writeFileSync(
    siteFile,
    nginxConf({
      host: 'localhost',
      listenAddress: '127.0.0.1',
      port,
      root: outDir,
      backends: apiPorts.map((apiPort) => `127.0.0.1:${apiPort}`),
      certificate,
      certificateKey: key,
    }),
  )
  const mainFile = join(prefix, 'nginx.conf')
  const asRoot = userInfo().uid === 0
  writeFileSync(mainFile, nginxMainConf({ prefix, siteFile, ...(asRoot && { user: 'www-data' }) }))
  const nginx = serve(
    startService(
      'nginx',
      findBinary('nginx') ?? 'nginx',
      ['-e', join(prefix, 'error.log'), '-p', prefix, '-c', mainFile],
      {
        logFile: join(logs, 'nginx.log'),
      },
    ),
  )

  const ca = readFileSync(certificate, 'utf8')
  await waitUntilReady(providers, () => httpAnswers(`${providersUrl}/api/oauth/google/authorize`))
  for (const [index, apiPort] of apiPorts.entries()) {
    await waitUntilInstanceReady(instances[index], apiPort)
  }
  await waitUntilReady(nginx, () => answers(publicOrigin, ca))

  // Written again whenever a process it names is replaced.
  function writeState() {
    if (!flags['state-file'] || !cluster) return
    const state: StackState = {
      url: publicOrigin,
      instances: apiPorts.map((apiPort) => `http://127.0.0.1:${apiPort}`),
      gunicornPids: instances.map(({ child }) => pidOf(child.pid)),
      nginx: { pid: pidOf(nginx.child.pid), configFile: mainFile },
      certificate,
      providersUrl,
      cluster,
    }
    // Renamed into place: a test reading it meanwhile finds the old state or the new, whole.
    const draft = `${flags['state-file']}.draft`
    writeFileSync(draft, JSON.stringify(state, null, 2))
    renameSync(draft, flags['state-file'])
  }
  writeState()
  const api = apiPorts.map((apiPort) => `127.0.0.1:${apiPort}`).join(', ')
  console.info(
    `Reel is ready at ${publicOrigin} (Django on ${api}, PostgreSQL on 127.0.0.1:${dbPort}, providers at ${providersUrl}); Ctrl-C stops it`,
  )
}

try {
  await start()
} catch (error) {
  console.error(error instanceof StartError ? error.message : error)
  await stop(1)
}
