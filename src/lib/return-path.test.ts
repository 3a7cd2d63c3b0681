import { describe, expect, it } from 'vitest'
import { safeReturnPath } from './return-path'

const origin = 'https://reel.example'

describe('safeReturnPath', () => {
  it.each([
    ['/watchlist', '/watchlist'],
    ['/movies?query=star#top', '/movies?query=star#top'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeReturnPath(input, origin)).toBe(expected)
  })

  it.each([
    null,
    '',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/movies',
    'javascript:alert(1)',
    'movies',
    '/login',
    // Each of these normalises to `//evil.example`, another host, once resolved.
    '/.//evil.example',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/..//evil.example',
    '/./\\evil.example',
    '/\\evil.example',
    // Browsers drop tabs and newlines anywhere in an address before reading it.
    'java\tscript:alert(1)',
    '\n//evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
  ])('falls back to /movies for %j', (input) => {
    expect(safeReturnPath(input, origin)).toBe('/movies')
  })

  it('falls back to /movies for a path of 10,000 characters', () => {
    expect(safeReturnPath(`/${'a'.repeat(9_999)}`, origin)).toBe('/movies')
  })

  it('returns the normalised path, which starts with exactly one slash', () => {
    expect(safeReturnPath('/movies/../watchlist?x=1', origin)).toBe('/watchlist?x=1')
  })

  it.each([
    '/.//evil.example',
    '/%2e//evil.example',
    '/..//evil.example',
    '/a/../../b',
    '/%5cevil',
  ])('never returns anything but a single-slash path on this origin for %j', (input) => {
    const result = safeReturnPath(input, origin)
    expect(result).toMatch(/^\/(?![/\\])/)
    expect(new URL(result, origin).origin).toBe(origin)
  })
})
