import { problemSchema, type Problem } from '../../contract/problem'

/** The problem in a response body, or null when the body is anything else. */
export function parseProblem(body: unknown): Problem | null {
  const result = problemSchema.safeParse(body)
  return result.success ? result.data : null
}
