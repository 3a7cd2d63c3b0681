import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { codeSnippets, projectOptions, snippetErrors } from './code-snippets'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Where the front page's examples are read from: their imports are relative to the root. */
const AT_ROOT = join(ROOT, 'readme-examples.tsx')

describe("the front page's examples", { timeout: 60_000 }, () => {
  const options = projectOptions(ROOT)
  const snippets = codeSnippets(readFileSync(join(ROOT, 'README.md'), 'utf8'))

  it('are there: axios, fetch, React and TanStack Query', () => {
    expect(snippets).toHaveLength(4)
  })

  it("type-check against the project's own code, as someone copying them would find it", () => {
    expect(snippetErrors(snippets, AT_ROOT, options)).toEqual([])
  })

  it('would name an example that calls what the code does not offer', () => {
    const broken = [...snippets, "import { createAuthClient } from './src/auth'\n"]
    expect(snippetErrors(broken, AT_ROOT, options)).toEqual([
      expect.stringContaining("has no exported member 'createAuthClient'"),
    ])
  })
})
