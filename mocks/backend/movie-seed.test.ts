import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { movieSeed } from './movie-seed.ts'

describe('the Django backend’s movie fixture', () => {
  it('is the mock’s movie seed, as scripts/export-movie-seed.mjs exports it', () => {
    const fixture: unknown = JSON.parse(
      readFileSync('backends/django/reel/movie-seed.json', 'utf8'),
    )
    expect(fixture).toEqual(movieSeed)
  })
})
