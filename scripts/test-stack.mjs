// `npm run test:stack`: the tests that run through the production path. Starts `npm run stack`
// on its own ports with the test-only reset switched on, waits for its ready line, runs the
// contract suite against nginx over HTTPS and then the browser and two-instance flows
// (playwright.stack.config.ts), and stops the stack. Reports go to reports/stack-contract.json
// and reports/stack-e2e.json for scripts/summarise-reports.mjs.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { contractSuiteArgs } from './lib/contract-suite.mjs'

// Ports of their own, clear of `npm run stack`'s defaults and the other suites' servers, and
// below the range the system hands out to outgoing connections and `listen(0)` (32768 and up).
const base = Number(process.env.REEL_STACK_TEST_PORT ?? 5460)
const dir = mkdtempSync(join(tmpdir(), 'reel-test-stack-'))
const stateFile = join(dir, 'stack.json')

const started = Date.now()
// prettier-ignore
const stack = spawn(process.execPath, [
  'scripts/stack.mjs', '--test-reset', '--state-file', stateFile,
  '--port', String(base), '--db-port', String(base + 1),
  '--api-port', String(base + 2), '--providers-port', String(base + 4),
], { stdio: ['ignore', 'pipe', 'inherit'] })

/** Resolves at the stack's ready line; rejects if it stops first. */
async function ready() {
  for await (const line of createInterface({ input: stack.stdout })) {
    console.info(`[stack] ${line}`)
    if (line.startsWith('Reel is ready at ')) return
  }
  throw new Error(`the stack stopped before it was ready (exit ${stack.exitCode})`)
}

function run(command, args, env) {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
}

let status = 1
try {
  await ready()
  // The rest of its output still has to go somewhere, or the stack blocks on a full pipe.
  stack.stdout.on('data', (chunk) => process.stdout.write(`[stack] ${chunk}`))
  console.info(`test:stack: the stack started in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const { url, certificate } = JSON.parse(readFileSync(stateFile, 'utf8'))
  const trust = { NODE_EXTRA_CA_CERTS: certificate }

  const contract = run('npx', contractSuiteArgs, {
    ...trust,
    REEL_CONTRACT_URL: url,
    REEL_TEST_REPORT: resolve('reports/stack-contract.json'),
  })
  const flows = run('npx', ['playwright', 'test', '--config', 'playwright.stack.config.ts'], {
    ...trust,
    REEL_STACK_STATE: stateFile,
  })
  status = contract || flows
} catch (error) {
  console.error(error.message)
} finally {
  if (stack.exitCode === null) {
    stack.kill('SIGTERM')
    await once(stack, 'exit')
  }
  rmSync(dir, { recursive: true, force: true })
}
console.info(`test:stack: ${((Date.now() - started) / 1000).toFixed(1)} s in all`)
process.exit(status)
