import * as z from 'zod/mini'

/** The signed-in person, as `GET /api/me` and every token response describe them. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  providers: z.array(z.string()),
  /** Whether the account can sign in with a password (v1.2; a v1.1 backend does not say). */
  hasPassword: z.optional(z.boolean()),
  /** How many passkeys the account has (v1.2; a v1.1 backend does not say). */
  passkeys: z.optional(z.int().check(z.nonnegative())),
})

export type User = z.infer<typeof userSchema>

/** The answer of login, refresh and social sign-in. */
export const tokenResponseSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().check(z.positive()),
  /** ISO 8601 UTC: when the session ends absolutely (v1.1; a v1 backend omits it). */
  sessionExpiresAt: z.optional(z.string()),
  user: userSchema,
})

export type TokenResponse = z.infer<typeof tokenResponseSchema>

/** A field of a sign-in body: present, a string, not empty, at most 128 characters. */
const credential = z.string().check(z.minLength(1), z.maxLength(128))

/** `POST /api/auth/login`. */
export const credentialsSchema = z.object({
  username: credential,
  password: credential,
  /** "Keep me signed in"; false asks for a browser-session cookie and a 12-hour session. */
  remember: z._default(z.boolean(), true),
  /**
   * The `linkToken` of a `409 account_exists`: a sign-in that succeeds for the account it names
   * also links the provider identity it stands for.
   */
  linkToken: z.optional(credential),
})

export type Credentials = z.input<typeof credentialsSchema>

/** `POST /api/auth/oauth/:provider`: the code a provider redirected back with. */
export const codeExchangeSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(512)),
  /** Absent for a provider without PKCE (Naver), whose code the backend redeems with a secret. */
  codeVerifier: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  redirectUri: z.string().check(z.minLength(1), z.maxLength(2048)),
  remember: z._default(z.boolean(), true),
})

export type CodeExchange = z.input<typeof codeExchangeSchema>
