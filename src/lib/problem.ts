import { isAxiosError } from 'axios'
import { problemSchema, type Problem } from '../../contract/problem'

/** The problem in a response body, or null when the body is anything else. */
export function parseProblem(body: unknown): Problem | null {
  const result = problemSchema.safeParse(body)
  return result.success ? result.data : null
}

/** The problem a failed axios call came back with, or null for any other error or body. */
export function problemOf(error: unknown): Problem | null {
  return isAxiosError(error) ? parseProblem(error.response?.data) : null
}
