// Runs the Django backend's own tests, then the contract suite against that backend: starts it
// on a free port with a throwaway SQLite database and its test-only reset switched on, waits
// until it answers, runs Vitest with REEL_CONTRACT_URL, and stops it. Reports go to
// reports/django-python.json and reports/django.json for scripts/summarise-reports.mjs.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { contractSuiteArgs } from './lib/contract-suite.mjs'
import { backendDir as backend, python } from './lib/django.mjs'

const dataDir = mkdtempSync(join(tmpdir(), 'reel-django-'))

/** A port the system just handed out, free unless something takes it in the next moment. */
async function freePort() {
  const server = createServer()
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address()
  await new Promise((done) => server.close(done))
  return port
}

// Social sign-in is configured so its routes exist, with token endpoints nothing listens on:
// the suite checks the exchange's validation here; the exchange itself is covered by the
// backend's Python tests against a fake provider.
const unreachable = 'http://127.0.0.1:9'
const providerEnv = Object.fromEntries(
  ['GOOGLE', 'KAKAO', 'NAVER'].flatMap((name) => [
    [`REEL_${name}_CLIENT_ID`, 'reel-contract'],
    [`REEL_${name}_CLIENT_SECRET`, 'reel-contract-secret'],
    [`REEL_${name}_TOKEN_URL`, `${unreachable}/token`],
    [`REEL_${name}_USERINFO_URL`, `${unreachable}/userinfo`],
  ]),
)
// Development runs sign with an ephemeral key and say so; that warning is noise here.
const quiet = { ...process.env, PYTHONWARNINGS: 'ignore::RuntimeWarning' }
const serverEnv = {
  ...quiet,
  ...providerEnv,
  DATABASE_URL: `sqlite:///${join(dataDir, 'db.sqlite3')}`,
  REEL_TEST_RESET: '1',
}

function run(command, args, options) {
  return spawnSync(command, args, { stdio: 'inherit', ...options }).status ?? 1
}

async function waitUntilServing(origin, server, logFile) {
  for (;;) {
    if (server.exitCode !== null) {
      throw new Error(`Django exited with ${server.exitCode}:\n${readFileSync(logFile, 'utf8')}`)
    }
    try {
      if ((await fetch(`${origin}/api/.well-known/jwks.json`)).ok) return
    } catch {
      // not listening yet
    }
    await delay(200)
  }
}

let status = run(python, ['manage.py', 'test', 'reel'], {
  cwd: backend,
  env: { ...quiet, REEL_TEST_REPORT: resolve('reports/django-python.json') },
})

const port = Number(process.env.REEL_DJANGO_PORT ?? (await freePort()))
const origin = `http://127.0.0.1:${port}`
// Its request log would drown the test output: it goes to a file (never a pipe, which would
// block the server once full), shown only if Django fails to start.
const logFile = join(dataDir, 'django.log')
const server = spawn(python, ['manage.py', 'runreel', '--port', String(port)], {
  cwd: backend,
  env: serverEnv,
  stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')],
})
try {
  await waitUntilServing(origin, server, logFile)
  const contract = run('npx', contractSuiteArgs, {
    env: { ...process.env, REEL_CONTRACT_URL: origin },
  })
  status ||= contract
} finally {
  server.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
process.exit(status)
