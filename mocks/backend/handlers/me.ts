import { http } from 'msw'
import { db } from '../db.ts'
import { json, noContent } from '../http-helpers.ts'
import { movieSeed } from '../movie-seed.ts'
import { notFound } from '../problem.ts'
import { toUserDto } from '../session-service.ts'
import { withAuth } from '../with-auth.ts'

const movieById = new Map(movieSeed.map((movie) => [movie.id, movie]))

export const meHandlers = [
  http.get(
    '/api/me',
    withAuth(({ auth }) => json(toUserDto(auth.user))),
  ),

  http.get(
    '/api/me/watchlist',
    withAuth(({ auth }) => {
      const ids = db.watchlists.get(auth.user.id) ?? []
      return json(ids.map((id) => movieById.get(id)).filter((movie) => movie !== undefined))
    }),
  ),

  http.put<{ movieId: string }>(
    '/api/me/watchlist/:movieId',
    withAuth(({ auth, params }) => {
      if (!movieById.has(params.movieId)) return notFound('No such movie.')
      const ids = db.watchlists.get(auth.user.id) ?? []
      if (!ids.includes(params.movieId)) db.watchlists.set(auth.user.id, [params.movieId, ...ids])
      return noContent()
    }),
  ),

  http.delete<{ movieId: string }>(
    '/api/me/watchlist/:movieId',
    withAuth(({ auth, params }) => {
      const ids = db.watchlists.get(auth.user.id) ?? []
      db.watchlists.set(
        auth.user.id,
        ids.filter((id) => id !== params.movieId),
      )
      return noContent()
    }),
  ),
]
