import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { testBuild } from './test-build.ts'

let build: Awaited<ReturnType<typeof testBuild>>
beforeAll(async () => {
  build = await testBuild()
})
afterAll(() => build.remove())

it('stops cleanly on SIGTERM: it closes its server and exits with 0', async () => {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', build.dir, '--port', '0'], {
    // A backend that is never called: the test needs no mock keys.
    env: { ...process.env, REEL_API_URL: 'http://127.0.0.1:9' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(server, 'exit')
  let output = ''
  const origin = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const listening = /served on (http:\/\/localhost:\d+)/.exec(output)
      if (listening?.[1]) resolve(listening[1])
    })
    server.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)))
  })

  // A kept-alive connection, as browsers hold them, must not keep the server up.
  const health = await fetch(`${origin}/healthz`)
  expect(health.status).toBe(200)
  await health.text()

  server.kill('SIGTERM')
  expect(await exited).toEqual([0, null])
})
