import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { DEPLOY_SNIPPETS } from './deploy-snippets.ts'
import { contentSecurityPolicy, PERMISSIONS_POLICY } from './security-headers.ts'

describe('the committed nginx and Caddy snippets', () => {
  it.each(DEPLOY_SNIPPETS)(
    '%s is what npm run deploy-snippets writes today',
    async (path, render) => {
      expect(await readFile(path, 'utf8')).toBe(render())
    },
  )

  it.each(DEPLOY_SNIPPETS)('%s carries the production policy', (_path, render) => {
    const snippet = render()
    expect(snippet).toContain(`"${contentSecurityPolicy({ mode: 'production' })}"`)
    expect(snippet).toContain(`"${PERMISSIONS_POLICY}"`)
    expect(snippet).toContain('Strict-Transport-Security')
    expect(snippet).toContain('"no-referrer"')
  })
})
