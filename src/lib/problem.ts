import { z } from 'zod'

/** An RFC 9457 problem body as the API sends it; `title` is safe to show a user. */
export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
})

export type Problem = z.infer<typeof problemSchema>

/** The problem in a response body, or null when the body is anything else. */
export function parseProblem(body: unknown): Problem | null {
  const result = problemSchema.safeParse(body)
  return result.success ? result.data : null
}
