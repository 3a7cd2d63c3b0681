import { REEL_CLIENT_ID, REEL_CLIENT_SECRET } from './seed.ts'

/**
 * Django's settings for each social provider when the mock providers (`npm run providers`) stand
 * in for Google, Kakao and Naver at `providersURL`: their endpoints, and Reel's client there.
 */
export function djangoProviderEnv(providersURL: string): Record<string, string> {
  return Object.fromEntries(
    (['google', 'kakao', 'naver'] as const).flatMap((provider) => {
      const prefix = `REEL_${provider.toUpperCase()}`
      const base = `${providersURL}/api/oauth/${provider}`
      return [
        [`${prefix}_AUTHORIZE_URL`, `${base}/authorize`],
        [`${prefix}_TOKEN_URL`, `${base}/token`],
        [`${prefix}_USERINFO_URL`, `${base}/userinfo`],
        [`${prefix}_CLIENT_ID`, REEL_CLIENT_ID],
        [`${prefix}_CLIENT_SECRET`, REEL_CLIENT_SECRET],
      ]
    }),
  )
}
