import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sleep } from './async'

/** The repository root, from bench/.out/run.mjs where this module is bundled. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const VITE = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url))
const SERVE = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url))

/** Runs Vite's CLI; its output is kept and shown only if it fails. */
function vite(args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITE, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite ${args.join(' ')} failed:\n${output}`)),
    )
  })
}

/**
 * A production build into bench/.out; `crossTab: false` is the per-tab baseline. Its source maps
 * are hidden (no comment in the scripts, so the sizes are the shipped ones) and let the size
 * scenario say which package each byte of the first load comes from.
 */
export async function buildApp(outDir: string, { crossTab }: { crossTab: boolean }): Promise<void> {
  await vite(['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    REEL_CROSS_TAB: crossTab ? 'on' : 'off',
    REEL_SOURCEMAP: 'hidden',
  })
}

/** A server this run started, at its origin. */
export interface RunningServer {
  origin: string
  stop: () => Promise<void>
}

/** Starts `args` with Node and resolves once `readyPath` answers, so the first request is served. */
async function startServer(
  args: string[],
  port: number,
  readyPath: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningServer> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const origin = `http://127.0.0.1:${port}`
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited`)
    const ready = await fetch(`${origin}${readyPath}`).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) return { origin, stop }
    await sleep(100)
  }
  await stop()
  throw new Error(`the server on port ${port} did not start`)
}

/**
 * Serves a build with `vite preview`, which hosts the mock API in its own Node process, on
 * 127.0.0.1 (a secure context for Chromium, so the `Secure` refresh cookie is kept).
 */
export function startPreview(outDir: string, port: number): Promise<RunningServer> {
  return startServer(
    [
      VITE,
      'preview',
      '--outDir',
      outDir,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    port,
    '/api/__lab/config',
  )
}

/**
 * Serves a build as deployments do (`npm run serve`: production headers, precompressed files,
 * the mock API in the same process) on 127.0.0.1.
 */
export function startProductionServer(outDir: string, port: number): Promise<RunningServer> {
  return startServer(
    [SERVE, '--dir', outDir, '--port', String(port), '--host', '127.0.0.1'],
    port,
    '/healthz',
  )
}
