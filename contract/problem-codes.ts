import { ACCOUNT_PROBLEM_CODES } from './account.ts'
import { LAB_LOCKED } from './lab.ts'
import { ACCESS_TOKEN_CODES, SESSION_ENDING_CODES } from './problem.ts'

// Apart from problem.ts, whose schemas every client bundles: this list draws in the account and
// lab modules, which a bundler cannot leave out once their zod calls are in the same module graph.

/**
 * Every `code` of docs/api.md, and the ones a careful server adds where the contract is silent
 * (`payload_too_large`, `server_error`, `provider_unavailable`, and on the production path
 * `bad_request`, `forbidden`, `bad_gateway` and `service_unavailable`). A client must still
 * expect others.
 */
export const PROBLEM_CODES = [
  ...SESSION_ENDING_CODES,
  ...ACCESS_TOKEN_CODES,
  'validation_failed',
  'invalid_credentials',
  'too_many_attempts',
  'csrf_check_failed',
  'not_found',
  'method_not_allowed',
  'invalid_grant',
  'account_exists',
  'link_invalid',
  ...ACCOUNT_PROBLEM_CODES,
  'payload_too_large',
  'server_error',
  'provider_unavailable',
  'bad_request',
  'forbidden',
  'bad_gateway',
  'service_unavailable',
  LAB_LOCKED,
] as const

export type ProblemCode = (typeof PROBLEM_CODES)[number]
