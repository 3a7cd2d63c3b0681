import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir, userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { djangoProviderEnv } from '../../mocks/providers/django-provider-env.ts'
import { nginxConf } from '../../server/deploy-snippets.ts'
import { findBinary } from './binaries.ts'
import { buildApp } from './build.ts'
import { djangoEnv, manage, startInstance, writeSigningKey } from './django.ts'
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
const dbPort = count('db-port', 65535)
const providersPort = count('providers-port', 65535)
const publicOrigin = `https://127.0.0.1:${port}`
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

function serve(service: Service) {
  services.push(service)
  service.child.on('exit', (code, signal) => {
    if (stopping) return
    console.error(`${service.name} stopped (${signal ?? code}): stopping the stack`)
    console.error(readFileSync(service.logFile, 'utf8').split('\n').slice(-20).join('\n'))
    void stop(1)
  })
  return service
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
  const instances = apiPorts.map((apiPort) =>
    serve(startInstance(env, { port: apiPort, workers, logFile: join(logs, `${apiPort}.log`) })),
  )

  const { certificate, key } = selfSignedCertificate(tlsDir)
  const prefix = join(root, 'nginx')
  mkdirSync(prefix, { mode: 0o755 })
  const siteFile = join(prefix, 'site.conf')
  writeFileSync(
    siteFile,
    nginxConf({
      host: '127.0.0.1',
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
  for (const [index, instance] of instances.entries()) {
    const jwks = `http://127.0.0.1:${apiPorts[index]}/api/.well-known/jwks.json`
    await waitUntilReady(instance, async () => (await fetch(jwks)).ok)
  }
  await waitUntilReady(nginx, () => answers(publicOrigin, ca))

  if (flags['state-file']) {
    const state: StackState = {
      url: publicOrigin,
      instances: apiPorts.map((apiPort) => `http://127.0.0.1:${apiPort}`),
      certificate,
      providersUrl,
      cluster,
    }
    writeFileSync(flags['state-file'], JSON.stringify(state, null, 2))
  }
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
