import { execFileSync } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { brokenLinks, headingAnchors, relativeTargets } from './markdown-links'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Every Markdown page of the repository, committed or about to be (ignored files are not). */
const pages = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.md'],
  { cwd: ROOT, encoding: 'utf8' },
)
  .split('\n')
  .filter((page) => page !== '')

describe('the Markdown pages', () => {
  it('include the front page and the docs', () => {
    expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/api.md', 'bench/README.md']))
  })

  it.each(pages)('%s links only to files and headings that exist', (page) => {
    expect(brokenLinks(join(ROOT, page), ROOT)).toEqual([])
  })

  it('keep the front page under 15 KB', () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThan(15 * 1024)
  })
})

describe('the link check', () => {
  const page = (markdown: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'reel-links-'))
    writeFileSync(join(dir, 'other.md'), '# Other page\n\n## Set-up, `npm start`\n')
    writeFileSync(join(dir, 'page.md'), markdown)
    return brokenLinks(join(dir, 'page.md'), dir)
  }

  it('reports a link to a file that does not exist', () => {
    expect(page('See [it](missing.md).')).toEqual(['missing.md: no such file'])
  })

  it('reports an anchor that no heading of the target has', () => {
    expect(page('See [it](other.md#setup).')).toEqual([
      'other.md#setup: no heading with that anchor',
    ])
  })

  it('accepts links to existing files and headings, on this page or another', () => {
    expect(page('# Top\n\n[a](other.md#set-up-npm-start) [b](#top) ![c](other.md)')).toEqual([])
  })

  it('reads no link inside code, and checks no external address', () => {
    const markdown = '`[a](x.md)`\n\n```md\n[b](y.md)\n```\n\n[c](https://example.test/z.md)'
    expect(relativeTargets(markdown)).toEqual([])
  })

  it('numbers repeated headings as GitHub does', () => {
    expect(headingAnchors('## 5. Size\n\n## 5. Size\n\n### Where _Reel_ misses')).toEqual(
      new Set(['5-size', '5-size-1', 'where-reel-misses']),
    )
  })
})
