import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sleep } from './async'

/** The repository root, from bench/.out/run.mjs where this module is bundled. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const VITE = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url))

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

/**
 * Serves a build with `vite preview`, which hosts the mock API in its own Node process, on
 * 127.0.0.1 (a secure context for Chromium, so the `Secure` refresh cookie is kept).
 */
export async function startPreview(
  outDir: string,
  port: number,
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
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
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const origin = `http://127.0.0.1:${port}`
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`vite preview on port ${port} exited`)
    const ready = await fetch(`${origin}/api/__lab/config`).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) return { origin, stop }
    await sleep(100)
  }
  await stop()
  throw new Error(`vite preview on port ${port} did not start`)
}
