import { http, HttpResponse } from 'msw'
import type { ProviderConfig, SocialProvider } from '../../contract/providers'

const SCOPES: Record<SocialProvider, string> = {
  google: 'openid email profile',
  kakao: 'profile_nickname account_email',
  naver: 'name email',
}

const NAMES: Record<SocialProvider, string> = { google: 'Google', kakao: 'Kakao', naver: 'Naver' }

/** A provider as the mock backend lists it (contract v1.1): Naver without PKCE. */
export const providerConfig = (id: SocialProvider): ProviderConfig => ({
  id,
  name: NAMES[id],
  authorizeUrl: `/api/oauth/${id}/authorize`,
  clientId: 'reel',
  scope: SCOPES[id],
  pkce: id !== 'naver',
})

/** `GET /api/auth/providers` listing the given providers. */
export const providersHandler = (ids: readonly SocialProvider[] = ['google', 'kakao', 'naver']) =>
  http.get('*/api/auth/providers', () => HttpResponse.json(ids.map(providerConfig)))
