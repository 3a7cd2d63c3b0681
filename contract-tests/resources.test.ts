import { describe, expect, it } from 'vitest'
import { movieSeed } from '../mocks/backend/movie-seed.ts'
import {
  ALICE,
  call,
  expectJson,
  expectNoContent,
  expectProblem,
  login,
  movieSchema,
  moviePageSchema,
  useMockServer,
  userSchema,
} from './client.ts'

useMockServer()

const PAGE_SIZE = 12

async function searchMovies(token: string, query: string) {
  return expectJson(await call(`/api/movies?${query}`, { token }), 200, moviePageSchema)
}

async function watchlistIds(token: string): Promise<string[]> {
  const movies = await expectJson(
    await call('/api/me/watchlist', { token }),
    200,
    movieSchema.array(),
  )
  return movies.map((movie) => movie.id)
}

function putOnWatchlist(token: string, movieId: string): Promise<Response> {
  return call(`/api/me/watchlist/${movieId}`, { method: 'PUT', token })
}

function removeFromWatchlist(token: string, movieId: string): Promise<Response> {
  return call(`/api/me/watchlist/${movieId}`, { method: 'DELETE', token })
}

describe('GET /api/me', () => {
  it('answers the signed-in user with the contract fields', async () => {
    const { accessToken } = await login()
    const me = await expectJson(await call('/api/me', { token: accessToken }), 200, userSchema)
    expect(me).toEqual({
      id: 'u_demo',
      username: 'demo',
      displayName: 'Demo Viewer',
      email: 'demo@reel.example',
      providers: ['password'],
      hasPassword: true,
      passkeys: 0,
    })
  })

  it('answers the user the token belongs to', async () => {
    const { accessToken } = await login(ALICE)
    const me = await expectJson(await call('/api/me', { token: accessToken }), 200, userSchema)
    expect(me.username).toBe('alice')
  })

  it('is not cached', async () => {
    const { accessToken } = await login()
    const response = await call('/api/me', { token: accessToken })
    expect(response.headers.get('Cache-Control')).toBe('no-store')
  })
})

describe('GET /api/movies', () => {
  it('answers the first page of the whole catalogue by default', async () => {
    const { accessToken } = await login()
    const page = await searchMovies(accessToken, '')

    expect(page.page).toBe(1)
    expect(page.pageSize).toBe(PAGE_SIZE)
    expect(page.total).toBe(movieSeed.length)
    expect(page.items).toHaveLength(PAGE_SIZE)
  })

  it('pages through every movie exactly once', async () => {
    const { accessToken } = await login()
    const pageCount = Math.ceil(movieSeed.length / PAGE_SIZE)
    const seen: string[] = []
    for (let number = 1; number <= pageCount; number++) {
      const page = await searchMovies(accessToken, `page=${number}`)
      expect(page.page).toBe(number)
      seen.push(...page.items.map((movie) => movie.id))
    }
    expect(seen).toHaveLength(movieSeed.length)
    expect(new Set(seen).size).toBe(movieSeed.length)
  })

  it('answers an empty page past the end with the total', async () => {
    const { accessToken } = await login()
    const page = await searchMovies(accessToken, 'page=99')
    expect(page.items).toEqual([])
    expect(page.page).toBe(99)
    expect(page.total).toBe(movieSeed.length)
  })

  it('finds movies by a case-insensitive part of the title', async () => {
    const { accessToken } = await login()
    const page = await searchMovies(accessToken, 'query=DUNE')

    expect(page.total).toBe(page.items.length)
    expect(page.items.map((movie) => movie.title).sort()).toEqual(['Dune', 'Dune: Part Two'])
  })

  it('answers total 0 and no items when nothing matches', async () => {
    const { accessToken } = await login()
    const page = await searchMovies(accessToken, 'query=zzzz-no-such-film')
    expect(page).toEqual({ items: [], page: 1, pageSize: PAGE_SIZE, total: 0 })
  })

  it('counts all matches in total while paging them', async () => {
    const { accessToken } = await login()
    const page = await searchMovies(accessToken, 'query=drama')
    const expected = movieSeed.filter((movie) => movie.genres.includes('Drama')).length

    expect(expected).toBeGreaterThan(PAGE_SIZE)
    expect(page.total).toBe(expected)
    expect(page.items).toHaveLength(PAGE_SIZE)
  })

  it.each([['0'], ['-1'], ['abc'], ['1.5']])(
    'answers 400 validation_failed for page=%s',
    async (bad) => {
      const { accessToken } = await login()
      const response = await call(`/api/movies?page=${bad}`, { token: accessToken })
      const problem = await expectProblem(response, 400, 'validation_failed')
      expect(problem.detail).toContain('page')
    },
  )
})

describe('GET /api/movies/:id', () => {
  it('answers the movie', async () => {
    const { accessToken } = await login()
    const movie = await expectJson(
      await call('/api/movies/parasite-2019', { token: accessToken }),
      200,
      movieSchema,
    )
    expect(movie).toMatchObject({ id: 'parasite-2019', title: 'Parasite', year: 2019 })
  })

  it('answers 404 not_found for an unknown id', async () => {
    const { accessToken } = await login()
    await expectProblem(
      await call('/api/movies/no-such-movie', { token: accessToken }),
      404,
      'not_found',
    )
  })
})

describe('watchlist', () => {
  it('answers the seeded watchlist as movies', async () => {
    const { accessToken } = await login()
    expect((await watchlistIds(accessToken)).sort()).toEqual(
      ['parasite-2019', 'spirited-away-2001'].sort(),
    )
  })

  it('adds a movie with PUT and answers 204', async () => {
    const { accessToken } = await login()
    await expectNoContent(await putOnWatchlist(accessToken, 'dune-part-two-2024'))
    expect(await watchlistIds(accessToken)).toContain('dune-part-two-2024')
  })

  it('makes PUT idempotent: a second PUT adds no duplicate', async () => {
    const { accessToken } = await login()
    await expectNoContent(await putOnWatchlist(accessToken, 'dune-part-two-2024'))
    await expectNoContent(await putOnWatchlist(accessToken, 'dune-part-two-2024'))

    const ids = await watchlistIds(accessToken)
    expect(ids.filter((id) => id === 'dune-part-two-2024')).toHaveLength(1)
    expect(ids).toHaveLength(3)
  })

  it('answers 404 not_found when putting an unknown movie and changes nothing', async () => {
    const { accessToken } = await login()
    await expectProblem(await putOnWatchlist(accessToken, 'no-such-movie'), 404, 'not_found')
    expect(await watchlistIds(accessToken)).toHaveLength(2)
  })

  it('removes a movie with DELETE and answers 204', async () => {
    const { accessToken } = await login()
    await expectNoContent(await removeFromWatchlist(accessToken, 'parasite-2019'))
    expect(await watchlistIds(accessToken)).toEqual(['spirited-away-2001'])
  })

  it('answers 204 when deleting a movie that is not on the watchlist', async () => {
    const { accessToken } = await login()
    await expectNoContent(await removeFromWatchlist(accessToken, 'dune-part-two-2024'))
    expect(await watchlistIds(accessToken)).toHaveLength(2)
  })

  it('keeps each user’s watchlist to themselves', async () => {
    const demo = await login()
    const alice = await login(ALICE)
    await expectNoContent(await putOnWatchlist(alice.accessToken, 'dune-part-two-2024'))

    expect(await watchlistIds(alice.accessToken)).toEqual(['dune-part-two-2024'])
    expect(await watchlistIds(demo.accessToken)).not.toContain('dune-part-two-2024')
  })
})
