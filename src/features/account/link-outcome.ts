import { isAxiosError } from 'axios'
import * as z from 'zod/mini'
import { isStepUpCancelled } from '../../auth'
import { problemOf } from '../../lib/problem'
import { providerLabel } from '../../i18n/provider-label'
import { socialProviderSchema } from '../../../contract/providers'
import type { AccountAwareMessages } from './account-i18n'

/**
 * How a trip to link a provider ended, as the account page receives it in history state: the
 * cause travels, and the page words it in its current language.
 * - `linked`: the provider identity now signs in to this account;
 * - `not_linked`: the person stopped (at the provider, or in the step-up dialog); nothing changed;
 * - `in_use`: that identity belongs to another account (`409 provider_in_use`);
 * - `refused`: the server refused the code (`400 invalid_grant`) or the link otherwise;
 * - `unverified`: the provider's answer did not match this tab's attempt; nothing was sent;
 * - `provider_error`: the provider reported an error of its own;
 * - `unreachable`: the server did not answer.
 */
const LINK_RESULTS = [
  'linked',
  'not_linked',
  'in_use',
  'refused',
  'unverified',
  'provider_error',
  'unreachable',
] as const

const linkOutcomeSchema = z.object({
  provider: socialProviderSchema,
  result: z.enum(LINK_RESULTS),
})

export type LinkOutcome = z.infer<typeof linkOutcomeSchema>
export type LinkResult = LinkOutcome['result']

/** The outcome of a link request that failed, by what the server (or the person) said. */
export function linkFailureResult(error: unknown): LinkResult {
  if (isStepUpCancelled(error)) return 'not_linked'
  if (problemOf(error)?.code === 'provider_in_use') return 'in_use'
  // No answer, or a server in trouble: the code may still be good, but only trying again tells.
  const status = isAxiosError(error) ? (error.response?.status ?? 0) : null
  if (status !== null && (status === 0 || status >= 500)) return 'unreachable'
  return 'refused'
}

/** The history state that brings the account page the outcome of a link. */
export const linkOutcomeState = (outcome: LinkOutcome) => ({ linkOutcome: outcome })

const linkOutcomeStateSchema = z.object({ linkOutcome: linkOutcomeSchema })

/** The outcome waiting in a history state, if there is one. */
export function readLinkOutcome(state: unknown): LinkOutcome | null {
  return linkOutcomeStateSchema.safeParse(state).data?.linkOutcome ?? null
}

/** Whether the outcome is good or calm news (a status) rather than a failure (an alert). */
export const isCalmOutcome = ({ result }: LinkOutcome) =>
  result === 'linked' || result === 'not_linked'

type Wording = (t: AccountAwareMessages, provider: string) => string

/** What the account page says for each outcome, with the provider's name in the page's language. */
const WORDING: Record<LinkResult, Wording> = {
  linked: (t, provider) => t.accountPage.linked(provider),
  not_linked: (t, provider) => t.accountPage.notLinked(provider),
  in_use: (t, provider) => t.accountPage.providerInUse(provider),
  // The code itself was refused: the same words as a sign-in whose code was refused.
  refused: (t, provider) => t.social.exchangeFailed(provider),
  unverified: (t, provider) => t.social.unverified(provider),
  provider_error: (t, provider) => t.social.providerError(provider),
  unreachable: (t) => t.errors.network,
}

/** What the account page says about a link. Never repeats anything the server or URL said. */
export function linkOutcomeMessage(t: AccountAwareMessages, outcome: LinkOutcome): string {
  return WORDING[outcome.result](t, providerLabel(t, outcome.provider))
}
