import { z } from 'zod'

export const movieSchema = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().int(),
  genres: z.array(z.string()),
  overview: z.string(),
  rating: z.number(),
})

export type Movie = z.infer<typeof movieSchema>
