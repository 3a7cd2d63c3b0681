import type { Server } from 'node:http'
import { afterAll, beforeAll } from 'vitest'
import { serve, type ServeOptions } from './serve.ts'
import { placementFromEnv } from './settings.ts'
import { testBuild } from './test-build.ts'

/**
 * A test file's own build and the servers it starts on it: the build is made before the file's
 * tests and removed after them, with every server `track` was given, open connections and all.
 * `start` serves the build on a free loopback port, with `api` unless `options` say otherwise.
 */
export function servedTestBuild(api: ServeOptions['api']) {
  let build: Awaited<ReturnType<typeof testBuild>>
  const servers: Server[] = []

  beforeAll(async () => {
    build = await testBuild()
  })
  afterAll(async () => {
    for (const server of servers) server.closeAllConnections()
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
    await build.remove()
  })

  const track = (server: Server) => servers.push(server)

  async function start(options: Partial<ServeOptions> = {}): Promise<string> {
    const { server, port } = await serve(
      {
        dir: build.dir,
        api,
        policy: { mode: 'production' },
        ...placementFromEnv({}),
        ...options,
      },
      0,
      '127.0.0.1',
    )
    track(server)
    return `http://127.0.0.1:${port}`
  }

  return { start, track }
}
