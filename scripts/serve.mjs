// `npm run serve`: Node cannot run the server's TypeScript, so esbuild bundles it first, into a
// file named by its content: two servers starting at once never read each other's half-written
// bundle, and an unchanged server is not written again.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const { outputFiles } = await build({
  entryPoints: ['server/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  write: false,
  outfile: 'server.mjs',
  logLevel: 'warning',
})
const code = outputFiles[0].contents
const file = `server/.out/main-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`
if (!existsSync(file)) {
  await mkdir('server/.out', { recursive: true })
  const partial = `${file}.${process.pid}`
  await writeFile(partial, code)
  await rename(partial, file)
}
await import(pathToFileURL(file).href)
