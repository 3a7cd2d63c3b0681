import { socialProviderSchema, type SocialProvider } from '../../contract/providers.ts'

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
  /**
   * Whether the provider vouches for the email: Google's `email_verified`, Kakao's
   * `is_email_verified`. Naver's profile has no such flag, so Naver never says it.
   */
  emailVerified: boolean
  /** Kakao's `is_email_valid`: false once the address no longer reaches its owner. */
  emailValid: boolean
}

const account = (
  subject: string,
  name: string,
  email: string,
  attested: Partial<Pick<ProviderAccount, 'emailVerified' | 'emailValid'>> = {},
): ProviderAccount => ({ subject, name, email, emailVerified: true, emailValid: true, ...attested })

/**
 * The people at each provider. Whose email is an existing Reel account's (demo's everywhere,
 * alice's at Kakao and Naver): signing in with them is answered `409 account_exists`, never linked.
 * Who is new to Reel: some with an email the provider vouches for, and at Google and Kakao one it
 * does not (Google `email_verified: false`; Kakao `is_email_verified: false`, or verified once but
 * no longer valid), whose new account's email stays unverified, as every Naver one's does.
 */
export const providerAccounts: Readonly<Record<SocialProvider, readonly ProviderAccount[]>> = {
  google: [
    account('108234567890123456789', 'Demo Viewer', 'demo@reel.example'),
    account('117654321098765432101', 'Jamie Rivera', 'jamie.rivera@mail.example'),
    account('104455667788990011223', 'Robin Park', 'robin.park@mail.example', {
      emailVerified: false,
    }),
  ],
  kakao: [
    account('3141592653', '데모 시청자', 'demo@reel.example'),
    account('2718281828', '김민준', 'minjun.kim@kakao.example'),
    account('1618033988', '박지우', 'alice@reel.example', { emailVerified: false }),
    account('1414213562', '최하늘', 'haneul.choi@kakao.example', { emailValid: false }),
  ],
  naver: [
    account('nv_Qm9ZcDemoViewer01', '데모 시청자', 'demo@reel.example'),
    account('nv_Xk3LeeSeoyeon0002', '이서연', 'seoyeon.lee@naver.example'),
    account('nv_Pz7KimAlice000003', '김앨리스', 'alice@reel.example'),
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
