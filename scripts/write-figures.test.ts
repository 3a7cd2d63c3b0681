import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BASELINE, reportFaults } from '../bench/stack/faults-report'
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

  it('draws each fault with its verdict, failing one that answered a 500 or lost a session', async () => {
    const at = (sec: number) => sec * 1000
    const journal = {
      exchanges: [
        { at: at(1), browser: 0, failure: null },
        { at: at(11), browser: 0, failure: '503 service_unavailable' },
        { at: at(13), browser: 0, failure: null },
        { at: at(21), browser: 1, failure: '500 server_error' },
        { at: at(22), browser: 1, failure: null },
      ],
      losses: [{ at: at(23), browser: 1, reused: true }],
      userFailures: [],
      resent: [],
    }
    const faults = reportFaults(
      journal,
      [
        { name: BASELINE, at: 0, injectMs: 0 },
        { name: 'PostgreSQL restarted', at: at(10), injectMs: 1 },
        { name: 'nginx reloaded', at: at(20), injectMs: 1 },
      ],
      at(30),
    )
    const results = {
      faults: { browsers: 2, durationSec: 30, accessTokenTtlSec: 5, faults, passed: false },
    }
    const page = '<!-- figures:faults -->\n<!-- /figures:faults -->\n'
    const drawn = await withFigures(page, results, join(ROOT, 'page.md'))
    expect(drawn).toMatch(/PostgreSQL restarted .*503 service_unavailable: 1 .* 3\.0 +\| pass/)
    expect(drawn).toMatch(
      /nginx reloaded .*FAIL: 500 server_error \(1\), 1 sessions lost, 1 reuse detections/,
    )
  })

  it('names the scenarios of the results that no block shows yet', () => {
    const results = { source: 'abc1234', burst: [], webVitals: { score: 1 } }
    expect(keysWithoutRenderer(results)).toEqual(['webVitals'])
  })
})
