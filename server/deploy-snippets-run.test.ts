import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { request } from 'node:https'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problemSchema } from '../contract/problem.ts'
import { findBinary } from '../scripts/stack/binaries.ts'
import { nginxMainConf } from '../scripts/stack/nginx.ts'
import {
  startService,
  stopService,
  waitUntilReady,
  type Service,
} from '../scripts/stack/processes.ts'
import { selfSignedCertificate } from '../scripts/stack/tls.ts'
import { caddyfile, EXAMPLE_SITE, nginxConf } from './deploy-snippets.ts'
import { sendProblem } from './problem.ts'
import { API_PREFIX, securityHeaders } from './security-headers.ts'

// The snippets as the servers themselves read them: Debian 12's nginx 1.22 and Caddy 2.6, the
// oldest releases a deployment is likely to meet. CI installs both, so there a missing binary
// fails the run; elsewhere the checks are skipped, and say so.
const servers = { nginx: findBinary('nginx'), caddy: findBinary('caddy') }
for (const [name, path] of Object.entries(servers)) {
  if (!path && !process.env['CI']) {
    console.warn(`${name} is not installed: skipping the checks that its snippet runs`)
  }
}
const skipNginx = !servers.nginx && !process.env['CI']
const skipCaddy = !servers.caddy && !process.env['CI']

// The loopback ports of the servers this file starts. Nothing listens on CLOSED_PORT: it is an
// API instance that is down.
const PORTS = { nginxDown: 57480, nginxUp: 57481, caddyDown: 57482, caddyUp: 57483 }
const BACKEND_PORT = 57488
const CLOSED_PORT = 57489

const dir = mkdtempSync(join(tmpdir(), 'reel-snippets-'))
// nginx's workers run as www-data when the test runs as root, as in the stack: they must enter it.
chmodSync(dir, 0o755)
const started: Service[] = []
afterAll(async () => {
  await Promise.all(started.map((service) => stopService(service)))
  rmSync(dir, { recursive: true, force: true })
})

// Caddy keeps certificates and settings under the home directory: a throwaway one.
const throwawayHome = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir }

/** Runs a server's own configuration check; the assertion shows its complaint. */
function check(binary: string | null, args: string[]) {
  expect(binary, 'not installed, but CI must check the snippet').not.toBeNull()
  const { status, stderr, stdout } = spawnSync(binary ?? '', args, {
    encoding: 'utf8',
    env: throwawayHome,
  })
  expect(status, `${stdout}${stderr}`).toBe(0)
}

const { certificate, key } = selfSignedCertificate(dir)
const site = { ...EXAMPLE_SITE, root: dir, certificate, certificateKey: key }
const ca = readFileSync(certificate, 'utf8')

/** The files of an nginx in front of `backends`, on `port`, under a directory of its own. */
function writeNginx(name: string, port: number, backends: readonly string[]) {
  const prefix = join(dir, name)
  mkdirSync(prefix, { mode: 0o755 })
  const siteFile = join(prefix, 'site.conf')
  writeFileSync(
    siteFile,
    nginxConf({ ...site, host: '127.0.0.1', listenAddress: '127.0.0.1', port, backends }),
  )
  const main = join(prefix, 'nginx.conf')
  const user = userInfo().uid === 0 ? { user: 'www-data' } : {}
  writeFileSync(main, nginxMainConf({ prefix, siteFile, ...user }))
  return { prefix, args: ['-e', join(prefix, 'error.log'), '-p', prefix, '-c', main] }
}

/** The Caddyfile of a Caddy in front of `backends`, on `port`, with no admin endpoint. */
function writeCaddy(name: string, port: number, backends: readonly string[]) {
  const file = join(dir, `${name}.Caddyfile`)
  // Certificate storage in the throwaway directory, and no listener on port 80 for redirects.
  const global = `{\n\tadmin off\n\tauto_https disable_redirects\n\tstorage file_system ${join(dir, 'caddy')}\n}\n\n`
  writeFileSync(
    file,
    global + caddyfile({ ...site, host: '127.0.0.1', port, backends, tls: { certificate, key } }),
  )
  return file
}

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** A GET over HTTPS that trusts the throwaway certificate alone. */
function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function startServer(name: string, binary: string | null, args: string[], port: number) {
  expect(binary, 'not installed, but CI must run the snippet').not.toBeNull()
  const service = startService(name, binary ?? '', args, {
    logFile: join(dir, `${name}.log`),
    env: throwawayHome,
  })
  started.push(service)
  await waitUntilReady(service, async () => (await get(port, '/')).status > 0)
}

/** An API instance that answers every request with its own 502 problem (a provider is away). */
const backend = createServer((_req, res) =>
  sendProblem(res, 502, 'provider_unavailable', 'The sign-in provider is unreachable.'),
)
beforeAll(async () => {
  backend.listen(BACKEND_PORT, '127.0.0.1')
  await once(backend, 'listening')
  return () => void backend.close()
})

const down = [`127.0.0.1:${CLOSED_PORT}`]
const up = [`127.0.0.1:${BACKEND_PORT}`]

/** What a client must get when no instance answered: a problem, as from the API itself. */
function expectUnreachableProblem({ status, headers, body }: Answer) {
  expect(status).toBe(502)
  expect(headers['content-type']).toMatch(/^application\/problem\+json\b/)
  expect(problemSchema.parse(JSON.parse(body))).toMatchObject({ status: 502, code: 'bad_gateway' })
  expect(headers['retry-after']).toBe('5')
  expect(headers['cache-control']).toBe('no-store')
  for (const [name, value] of Object.entries(
    securityHeaders({ mode: 'production' }, API_PREFIX, true),
  )) {
    expect(headers[name.toLowerCase()], name).toBe(value)
  }
}

/** The backend's own failure passes as it came: the proxy replaces only the errors it makes. */
function expectBackendProblem({ status, body }: Answer) {
  expect(status).toBe(502)
  expect(problemSchema.parse(JSON.parse(body))).toMatchObject({ code: 'provider_unavailable' })
}

describe.skipIf(skipNginx)('the nginx snippet', () => {
  it('passes nginx -t', () => {
    const { args } = writeNginx('nginx-check', 443, EXAMPLE_SITE.backends)
    check(servers.nginx, ['-t', '-q', ...args])
  })

  it('answers a problem, not its HTML page, when no API instance answers', async () => {
    const { args } = writeNginx('nginx-down', PORTS.nginxDown, down)
    await startServer('nginx-down', servers.nginx, args, PORTS.nginxDown)
    expectUnreachableProblem(await get(PORTS.nginxDown, '/api/me'))
  })

  it("passes an API instance's own 502 problem as it came", async () => {
    const { args } = writeNginx('nginx-up', PORTS.nginxUp, up)
    await startServer('nginx-up', servers.nginx, args, PORTS.nginxUp)
    expectBackendProblem(await get(PORTS.nginxUp, '/api/me'))
  })
})

describe.skipIf(skipCaddy)('the Caddyfile', () => {
  it('passes caddy validate', () => {
    const file = writeCaddy('check', 443, EXAMPLE_SITE.backends)
    check(servers.caddy, ['validate', '--config', file, '--adapter', 'caddyfile'])
  })

  it('answers a problem, not an empty answer, when no API instance answers', async () => {
    const file = writeCaddy('caddy-down', PORTS.caddyDown, down)
    const args = ['run', '--config', file, '--adapter', 'caddyfile']
    await startServer('caddy-down', servers.caddy, args, PORTS.caddyDown)
    expectUnreachableProblem(await get(PORTS.caddyDown, '/api/me'))
    // handle_errors is the whole site's: a missing file is still Caddy's plain 404.
    expect((await get(PORTS.caddyDown, '/assets/missing.js')).status).toBe(404)
  })

  it("passes an API instance's own 502 problem as it came", async () => {
    const file = writeCaddy('caddy-up', PORTS.caddyUp, up)
    const args = ['run', '--config', file, '--adapter', 'caddyfile']
    await startServer('caddy-up', servers.caddy, args, PORTS.caddyUp)
    expectBackendProblem(await get(PORTS.caddyUp, '/api/me'))
  })
})
