import { socialProviderSchema, type SocialProvider } from '../contract/providers.ts'

/** What the mock providers know: their accounts and the apps registered with them. */

export function isSocialProvider(value: string): value is SocialProvider {
  return socialProviderSchema.safeParse(value).success
}

/** A person's account at a provider, as its user-info endpoint would describe them. */
export interface ProviderAccount {
  /** The provider's stable id for the person (`sub`); never reused, never an email. */
  subject: string
  name: string
  email: string
  /** Only a verified email may link a provider account to an existing Reel account. */
  emailVerified: boolean
}

/**
 * Two or three people per provider: one whose verified email is the `demo` user's (so signing in
 * links to that account), one new to Reel, and on Kakao one whose email is unverified, as Kakao
 * reports with `is_email_verified: false`, and so must never be linked by it.
 */
export const providerAccounts: Readonly<Record<SocialProvider, readonly ProviderAccount[]>> = {
  google: [
    {
      subject: '108234567890123456789',
      name: 'Demo Viewer',
      email: 'demo@reel.example',
      emailVerified: true,
    },
    {
      subject: '117654321098765432101',
      name: 'Jamie Rivera',
      email: 'jamie.rivera@mail.example',
      emailVerified: true,
    },
  ],
  kakao: [
    { subject: '3141592653', name: '데모 시청자', email: 'demo@reel.example', emailVerified: true },
    {
      subject: '2718281828',
      name: '김민준',
      email: 'minjun.kim@kakao.example',
      emailVerified: true,
    },
    { subject: '1618033988', name: '박지우', email: 'alice@reel.example', emailVerified: false },
  ],
  naver: [
    {
      subject: 'nv_Qm9ZcDemoViewer01',
      name: '데모 시청자',
      email: 'demo@reel.example',
      emailVerified: true,
    },
    {
      subject: 'nv_Xk3LeeSeoyeon0002',
      name: '이서연',
      email: 'seoyeon.lee@naver.example',
      emailVerified: true,
    },
  ],
}

/** What each provider is, as `GET /api/auth/providers` describes it. */
export interface ProviderProfile {
  name: string
  /** The scopes Reel asks for, in the provider's own names. */
  scope: string
  /** Whether the provider supports PKCE; Naver does not, and relies on `state` and the secret. */
  pkce: boolean
}

export const providerProfiles: Readonly<Record<SocialProvider, ProviderProfile>> = {
  google: { name: 'Google', scope: 'openid email profile', pkce: true },
  kakao: { name: 'Kakao', scope: 'account_email profile_nickname', pkce: true },
  naver: { name: 'Naver', scope: 'name email', pkce: false },
}

export function findProviderAccount(
  provider: SocialProvider,
  subject: string,
): ProviderAccount | null {
  return providerAccounts[provider].find((account) => account.subject === subject) ?? null
}

/** An app registered with the mock providers. */
export interface OAuthClient {
  /** Shown on the consent page: "Reel wants to…". */
  name: string
  /** The secret the app's backend authenticates with at the token endpoint. */
  secret: string
  /** The one redirect URI path allowed, on an origin the provider accepts (see the README). */
  callbackPath: (provider: SocialProvider) => string
}

/** The client id Reel's backend exchanges codes as. */
export const REEL_CLIENT_ID = 'reel'
/**
 * Reel's client secret at every mock provider. A mock's secret is no secret: it is here so that
 * the token endpoints can refuse a wrong one, as the real ones do.
 */
export const REEL_CLIENT_SECRET = 'reel-mock-client-secret'

/**
 * Reel, and a second app of the same developer, so that a code issued to another client exists
 * and its exchange by Reel can be refused.
 */
export const oauthClients: ReadonlyMap<string, OAuthClient> = new Map<string, OAuthClient>([
  [
    REEL_CLIENT_ID,
    {
      name: 'Reel',
      secret: REEL_CLIENT_SECRET,
      callbackPath: (provider) => `/auth/callback/${provider}`,
    },
  ],
  [
    'reel-tv',
    {
      name: 'Reel for TV',
      secret: 'reel-tv-mock-client-secret',
      callbackPath: (provider) => `/tv/callback/${provider}`,
    },
  ],
])
