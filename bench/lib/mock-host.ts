import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { labStatsSchema, type LabConfigPatch, type LabStats } from '../../contract/lab.ts'

export type { LabStats }

/** The mock backend's lab (docs/api.md, "Lab"), over plain fetch so it never touches a client's pool. */
export function labClient(origin: string) {
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    // Unsafe lab requests pass the API's CSRF check as the SPA's own do.
    const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest' }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await fetch(`${origin}/api/__lab/${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!response.ok) throw new Error(`lab ${method} ${path}: ${response.status}`)
    return response
  }
  return {
    async reset(): Promise<void> {
      await call('POST', 'reset')
    },
    async configure(patch: LabConfigPatch): Promise<void> {
      await call('PATCH', 'config', patch)
    },
    async stats(): Promise<LabStats> {
      return labStatsSchema.parse(await (await call('GET', 'stats')).json())
    },
  }
}

export type Lab = ReturnType<typeof labClient>

/** Starts bench/.out/mock-server.mjs (built beside this bundle) and resolves with its origin. */
export async function startMockHost(): Promise<{ origin: string; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL('./mock-server.mjs', import.meta.url))
  const child: ChildProcess = spawn(process.execPath, [script, '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (!child.stdout) throw new Error('mock host has no stdout')
  const lines = createInterface({ input: child.stdout })
  const origin = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`mock host exited with ${code}`)))
  })
  lines.close()
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
