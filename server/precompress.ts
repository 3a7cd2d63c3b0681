import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/** What is worth compressing: text. Images other than SVG and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:html|js|mjs|css|svg|json|txt|map|webmanifest)$/

/**
 * Writes a `.br` and a `.gz` twin next to every compressible file under `dir`, at the highest
 * levels, once at build time, so the server never compresses per request. A twin that would
 * not be smaller is not written: the server then sends the file itself.
 */
export async function precompress(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue
    const path = join(entry.parentPath, entry.name)
    const content = await readFile(path)
    const twins: Array<[string, Buffer]> = [
      [
        '.br',
        brotliCompressSync(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }),
      ],
      ['.gz', gzipSync(content, { level: constants.Z_BEST_COMPRESSION })],
    ]
    for (const [suffix, compressed] of twins) {
      if (compressed.length < content.length) await writeFile(path + suffix, compressed)
    }
  }
}
