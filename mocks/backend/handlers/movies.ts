import { http } from 'msw'
import { movieSearchSchema } from '../../../contract/movies.ts'
import { json } from '../http-helpers.ts'
import { movieSeed } from '../movie-seed.ts'
import { notFound, validationFailed } from '../problem.ts'
import { withAuth } from '../with-auth.ts'

const PAGE_SIZE = 12

export const movieHandlers = [
  http.get(
    '/api/movies',
    withAuth(({ request }) => {
      const url = new URL(request.url)
      const parsed = movieSearchSchema.safeParse({
        query: url.searchParams.get('query') ?? undefined,
        page: url.searchParams.get('page') || undefined,
      })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        return validationFailed(`${issue?.path.join('.')}: ${issue?.message}`)
      }
      const { query, page } = parsed.data
      const needle = query.trim().toLowerCase()
      const matches = movieSeed.filter(
        (movie) =>
          movie.title.toLowerCase().includes(needle) ||
          movie.genres.some((genre) => genre.toLowerCase() === needle),
      )
      const start = (page - 1) * PAGE_SIZE
      return json({
        items: matches.slice(start, start + PAGE_SIZE),
        page,
        pageSize: PAGE_SIZE,
        total: matches.length,
      })
    }),
  ),

  http.get<{ id: string }>(
    '/api/movies/:id',
    withAuth(({ params }) => {
      const movie = movieSeed.find((candidate) => candidate.id === params.id)
      return movie ? json(movie) : notFound('No such movie.')
    }),
  ),
]
