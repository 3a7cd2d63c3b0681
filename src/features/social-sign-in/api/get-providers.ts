import { queryOptions, useQuery } from '@tanstack/react-query'
import * as z from 'zod/mini'
import { providerConfigSchema, type ProviderConfig } from '../../../../contract/providers'
import { apiClient } from '../../../lib/api-client'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A page of this site, an https endpoint, or, while the app itself runs on loopback (development,
 * the lab), an http one on loopback too, where the mock providers run: the browser treats
 * loopback as a secure origin. Nothing else is a place to send a person to sign in.
 *
 * The URL is resolved as the browser will resolve it before it is judged: `/\evil.example/x`
 * reads like a path but is another host, and a URL without a scheme of its own must stay on this
 * site.
 */
export function isAuthorizeUrl(url: string, page = new URL(globalThis.location.href)): boolean {
  if (!URL.canParse(url, page)) return false
  const target = new URL(url, page)
  if (!URL.canParse(url)) return target.origin === page.origin
  if (target.protocol === 'https:') return true
  return (
    target.protocol === 'http:' &&
    LOOPBACK_HOSTS.has(target.hostname) &&
    LOOPBACK_HOSTS.has(page.hostname)
  )
}

/**
 * The providers this backend offers, in its order. An entry Reel cannot use (an unknown id, a
 * bad field) is left out rather than failing the rest.
 */
export function parseProviders(data: unknown): ProviderConfig[] {
  const list = z.array(z.unknown()).safeParse(data)
  if (!list.success) return []
  return list.data.flatMap((entry) => {
    const parsed = providerConfigSchema.safeParse(entry)
    return parsed.success && isAuthorizeUrl(parsed.data.authorizeUrl) ? [parsed.data] : []
  })
}

/**
 * A backend that does not answer with a list (404, 501, an error, no network) offers no social
 * sign-in: the page then shows none, never an error.
 */
export async function getProviders(signal: AbortSignal): Promise<ProviderConfig[]> {
  try {
    // Public: asked before anyone signs in, so it carries no token and never starts a refresh.
    const { data } = await apiClient.get<unknown>('/auth/providers', { signal, skipAuth: true })
    return parseProviders(data)
  } catch {
    return []
  }
}

export const providersQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'providers'] as const,
    queryFn: ({ signal }) => getProviders(signal),
    // A backend's providers change with its deployment, not while a page is open.
    staleTime: Infinity,
  })

export const useProviders = () => useQuery(providersQueryOptions())
