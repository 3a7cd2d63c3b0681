import * as z from 'zod/mini'
import type { ProviderLink } from '../../../contract/account'
import type { CodeExchange } from '../../../contract/auth'
import { authCallbackPath } from '../../app/paths'
import { safeReturnPath } from '../../lib/return-path'
import type { ProviderConfig } from '../../../contract/providers'
import { codeChallengeS256, createCodeVerifier, createState } from './pkce'
import { socialProviderSchema, type SocialProvider } from '../../../contract/providers'

/**
 * The browser's half of the authorization code flow with PKCE. `begin` keeps the state, the
 * verifier (none for a provider without PKCE), what the trip is for and the "keep me signed in"
 * choice in `sessionStorage` (the one place that survives the trip to the provider and back and
 * is never shared with another tab); `finish` checks what came back against it and removes it.
 * Nothing here touches the network, so a bad answer is refused before any request is made.
 */

const KEY_PREFIX = 'reel.oauth-attempt.'
/** Time to spend at the provider; a callback after that is refused. */
export const ATTEMPT_TTL_MS = 10 * 60 * 1000

/**
 * What a trip to the provider is for: `sign-in` exchanges the code for a session; `link` hands it
 * to the signed-in account, which adds that provider identity. Kept with the attempt, so only
 * this tab's own choice decides it, never anything in the provider's answer.
 */
export type FlowIntent = 'sign-in' | 'link'

const attemptSchema = z.object({
  state: z.string().check(z.minLength(1)),
  intent: z.enum(['sign-in', 'link'] as const satisfies readonly FlowIntent[]),
  codeVerifier: z.nullable(z.string().check(z.minLength(43), z.maxLength(128))),
  provider: socialProviderSchema,
  returnTo: z.string(),
  remember: z.boolean(),
  startedAt: z.number(),
})

type Attempt = z.infer<typeof attemptSchema>

/** What the flow needs from the browser; tests pass their own. */
export interface FlowEnvironment {
  storage: Storage
  origin: string
  now: () => number
}

const browserEnvironment = (): FlowEnvironment => ({
  storage: window.sessionStorage,
  origin: window.location.origin,
  now: Date.now,
})

/** Where a provider sends the browser back to; the provider insists on exactly this string. */
export function callbackUrl(provider: SocialProvider, origin: string): string {
  return origin + authCallbackPath(provider)
}

/** Forgets every attempt of this tab: at most one is ever in flight, and none outlives its end. */
function clearAttempts(storage: Storage): void {
  for (let index = storage.length - 1; index >= 0; index--) {
    const key = storage.key(index)
    if (key?.startsWith(KEY_PREFIX)) storage.removeItem(key)
  }
}

function readAttempt(storage: Storage, state: string): Attempt | null {
  const raw = storage.getItem(KEY_PREFIX + state)
  if (raw === null) return null
  try {
    const attempt = attemptSchema.parse(JSON.parse(raw))
    return attempt.state === state ? attempt : null
  } catch {
    return null
  }
}

/**
 * Starts a sign-in at a provider the backend listed: remembers a new state (and a verifier, where
 * the provider takes PKCE) for this tab with where to go afterwards and whether to keep the
 * person signed in, and returns the provider's authorization URL to navigate to.
 *
 * @example
 * window.location.assign(await beginSocialSignIn(kakao, { returnTo: paths.watchlist, remember: true }))
 */
export function beginSocialSignIn(
  provider: ProviderConfig,
  { returnTo, remember }: { returnTo: string; remember: boolean },
  env: FlowEnvironment = browserEnvironment(),
): Promise<string> {
  return beginAttempt(provider, { intent: 'sign-in', returnTo, remember }, env)
}

/**
 * Starts linking a provider to the signed-in account: the same trip as a sign-in, whose callback
 * hands the code to the account instead of starting a session.
 *
 * @example
 * window.location.assign(await beginProviderLink(kakao, { returnTo: paths.account }))
 */
export function beginProviderLink(
  provider: ProviderConfig,
  { returnTo }: { returnTo: string },
  env: FlowEnvironment = browserEnvironment(),
): Promise<string> {
  // A link starts no session, so there is no "keep me signed in" to carry.
  return beginAttempt(provider, { intent: 'link', returnTo, remember: false }, env)
}

async function beginAttempt(
  provider: ProviderConfig,
  { intent, returnTo, remember }: Pick<Attempt, 'intent' | 'returnTo' | 'remember'>,
  env: FlowEnvironment,
): Promise<string> {
  const state = createState()
  const codeVerifier = provider.pkce ? createCodeVerifier() : null
  const attempt: Attempt = {
    state,
    intent,
    codeVerifier,
    provider: provider.id,
    returnTo: safeReturnPath(returnTo, env.origin),
    remember,
    startedAt: env.now(),
  }
  // A new attempt abandons any earlier one of this tab.
  clearAttempts(env.storage)
  env.storage.setItem(KEY_PREFIX + state, JSON.stringify(attempt))
  const url = new URL(provider.authorizeUrl, env.origin)
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: callbackUrl(provider.id, env.origin),
    state,
    scope: provider.scope,
  })
  if (codeVerifier !== null) {
    params.set('code_challenge', await codeChallengeS256(codeVerifier))
    params.set('code_challenge_method', 'S256')
  }
  url.search = params.toString()
  return url.href
}

/**
 * Why a callback is not a sign-in:
 * - `cancelled`: the person said no at the provider (`error=access_denied`);
 * - `provider_error`: the provider reported another error;
 * - `unknown_provider`: the callback names no provider Reel offers;
 * - `state_missing`: the callback carries no state;
 * - `state_unknown`: this tab has no attempt with that state: forged, replayed, from another
 *   tab, or already finished;
 * - `provider_mismatch`: the state belongs to an attempt with another provider (mix-up);
 * - `state_expired`: the attempt is older than {@link ATTEMPT_TTL_MS};
 * - `code_missing`: a state but no code.
 */
export type FlowFailure =
  | 'cancelled'
  | 'provider_error'
  | 'unknown_provider'
  | 'state_missing'
  | 'state_unknown'
  | 'provider_mismatch'
  | 'state_expired'
  | 'code_missing'

export type FinishResult =
  | {
      ok: true
      intent: FlowIntent
      provider: SocialProvider
      code: string
      /** Null for a provider without PKCE. */
      codeVerifier: string | null
      redirectUri: string
      returnTo: string
      remember: boolean
    }
  | {
      ok: false
      reason: FlowFailure
      /** What the attempt was for, when it is known; null otherwise. */
      intent: FlowIntent | null
      provider: SocialProvider | null
      /** Where the person was going, when the attempt is known; null otherwise. */
      returnTo: string | null
    }

/**
 * Checks a provider's redirect back (`?code&state` or `?error&state`) against this tab's attempt,
 * and ends every attempt of the tab whatever the answer: a state works once.
 *
 * @example
 * const result = finishSocialSignIn('kakao', window.location.search)
 * if (result.ok) await signInWithProvider(result.provider, grantOf(result))
 */
export function finishSocialSignIn(
  providerParam: string,
  search: string,
  env: FlowEnvironment = browserEnvironment(),
): FinishResult {
  const params = new URLSearchParams(search)
  const state = params.get('state')
  const attempt = state ? readAttempt(env.storage, state) : null
  clearAttempts(env.storage)

  const parsedProvider = socialProviderSchema.safeParse(providerParam)
  const provider = parsedProvider.success ? parsedProvider.data : null
  const fail = (reason: FlowFailure): FinishResult => ({
    ok: false,
    reason,
    intent: attempt?.intent ?? null,
    provider,
    returnTo: attempt?.returnTo ?? null,
  })
  if (!provider) return fail('unknown_provider')
  if (!state) return fail('state_missing')
  if (!attempt) return fail('state_unknown')
  if (attempt.provider !== provider) return fail('provider_mismatch')
  const age = env.now() - attempt.startedAt
  if (age < 0 || age > ATTEMPT_TTL_MS) return fail('state_expired')
  const error = params.get('error')
  if (error !== null) return fail(error === 'access_denied' ? 'cancelled' : 'provider_error')
  const code = params.get('code')
  if (!code) return fail('code_missing')
  return {
    ok: true,
    intent: attempt.intent,
    provider,
    code,
    codeVerifier: attempt.codeVerifier,
    redirectUri: callbackUrl(provider, env.origin),
    returnTo: safeReturnPath(attempt.returnTo, env.origin),
    remember: attempt.remember,
  }
}

/**
 * What the attempt a callback names is for, without ending it, so the page can say what it is
 * doing before {@link finishSocialSignIn} checks and spends it; null when this tab has none.
 * Only words depend on it: whether the code is exchanged or linked is `finish`'s answer alone.
 */
export function callbackIntent(
  search: string,
  env: FlowEnvironment = browserEnvironment(),
): FlowIntent | null {
  const state = new URLSearchParams(search).get('state')
  return state ? (readAttempt(env.storage, state)?.intent ?? null) : null
}

type FinishedAttempt = Extract<FinishResult, { ok: true }>

/** The code of a finished attempt as a link posts it: no verifier for a provider without PKCE. */
export function linkGrantOf(result: FinishedAttempt): ProviderLink {
  const { code, codeVerifier, redirectUri } = result
  return codeVerifier === null ? { code, redirectUri } : { code, codeVerifier, redirectUri }
}

/** What a sign-in posts for a finished attempt: the link's fields and "keep me signed in". */
export function grantOf(result: FinishedAttempt): CodeExchange {
  return { ...linkGrantOf(result), remember: result.remember }
}
