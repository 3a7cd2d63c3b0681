import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FIGURE_PAGES, keysWithoutRenderer, readResults, withFigures } from './write-figures'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

describe('npm run figures', () => {
  it.each(FIGURE_PAGES)('%s holds the figures bench/results.json gives', async (page) => {
    const path = join(ROOT, page)
    const committed = readFileSync(path, 'utf8')
    expect(await withFigures(committed, await readResults(ROOT), path)).toBe(committed)
  })

  it('replaces whatever a block held by the figures of the results', async () => {
    const page = '<!-- figures:run -->\nhand-typed\n<!-- /figures:run -->\n'
    const results = {
      source: 'abc1234',
      generatedAt: '2026-01-02T03:04:05.000Z',
      machine: { cpus: 4, cpuModel: 'Test CPU', node: 'v22.0.0', platform: 'linux x64' },
    }
    const drawn = await withFigures(page, results, join(ROOT, 'page.md'))
    expect(drawn).not.toContain('hand-typed')
    expect(drawn).toContain('commit `abc1234` on 2026-01-02')
  })

  it('says so when the results have nothing for a block', async () => {
    const page = '<!-- figures:soak -->\n<!-- /figures:soak -->\n'
    expect(await withFigures(page, {}, join(ROOT, 'page.md'))).toContain(
      'Not in bench/results.json',
    )
  })

  it('refuses a block it has no renderer for', async () => {
    const page = '<!-- figures:nonsense -->\n<!-- /figures:nonsense -->\n'
    await expect(withFigures(page, {}, join(ROOT, 'page.md'))).rejects.toThrow(/nonsense/)
  })

  it('names the scenarios of the results that no block shows yet', () => {
    const results = { source: 'abc1234', burst: [], lighthouse: { score: 1 } }
    expect(keysWithoutRenderer(results)).toEqual(['lighthouse'])
  })
})
