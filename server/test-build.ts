import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { precompress } from './precompress.ts'

export const ENTRY = '/assets/index-C0ffee12.js'
export const ENTRY_SOURCE = `console.log(${JSON.stringify('Reel '.repeat(400))})\n`
export const INDEX_HTML = `<!doctype html><html><head><script type="module" src="${ENTRY}"></script></head><body><div id="root"></div></body></html>\n`

/** A small build as `vite build` leaves it (hashed asset, index.html, .br/.gz), in a temp dir. */
export async function testBuild(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'reel-build-'))
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), INDEX_HTML)
  await writeFile(join(dir, ENTRY), ENTRY_SOURCE)
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  await precompress(dir)
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
