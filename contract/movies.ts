import * as z from 'zod/mini'

export const movieSchema = z.object({
  id: z.string(),
  title: z.string(),
  year: z.int(),
  genres: z.array(z.string()),
  overview: z.string(),
  rating: z.number(),
})

export type Movie = z.infer<typeof movieSchema>

/** `GET /api/movies`: one page of a search. */
export const moviePageSchema = z.object({
  items: z.array(movieSchema),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
})

export type MoviePage = z.infer<typeof moviePageSchema>

/** `GET /api/me/watchlist`. */
export const watchlistSchema = z.array(movieSchema)

/** The query of `GET /api/movies` (`?query=&page=1`), as strings arrive in a URL. */
export const movieSearchSchema = z.object({
  query: z._default(z.string().check(z.maxLength(128)), ''),
  page: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 1),
})
