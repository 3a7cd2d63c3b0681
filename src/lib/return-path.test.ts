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
  ])('falls back to /movies for %s', (input) => {
    expect(safeReturnPath(input, origin)).toBe('/movies')
  })
})
