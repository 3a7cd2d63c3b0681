// Writes the mock backend's movie seed as JSON for the Django backend, so the films have one
// source: mocks/backend/movie-seed.ts. Run after changing it: node scripts/export-movie-seed.mjs
import { writeFileSync } from 'node:fs'
import { build } from 'esbuild'
import { format } from 'prettier'

const output = 'backends/django/reel/movie-seed.json'
const bundle = await build({
  entryPoints: ['mocks/backend/movie-seed.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
})
const source = bundle.outputFiles[0]?.text ?? ''
const { movieSeed } = await import(
  `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
)
writeFileSync(output, await format(JSON.stringify(movieSeed), { parser: 'json' }))
console.info(`${movieSeed.length} movies written to ${output}`)
