// `npm run stack`: Node cannot run the stack's TypeScript (it shares the snippet generator and
// the provider settings with the tests), so esbuild bundles it first, then it runs.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

/** Plain JavaScript modules stay where they are: they find the repository from their own place. */
const keepScriptsInPlace = {
  name: 'keep-scripts-in-place',
  setup(bundle) {
    bundle.onResolve({ filter: /\.mjs$/ }, ({ path, resolveDir }) => ({
      path: pathToFileURL(resolve(resolveDir, path)).href,
      external: true,
    }))
  },
}

const outfile = 'node_modules/.cache/reel/stack.mjs'
await build({
  entryPoints: ['scripts/stack/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  plugins: [keepScriptsInPlace],
  outfile,
  logLevel: 'warning',
})
await import(pathToFileURL(resolve(outfile)).href)
