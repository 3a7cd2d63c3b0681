import { queryOptions, useQuery } from '@tanstack/react-query'
import * as z from 'zod/mini'
import { providerConfigSchema, type ProviderConfig } from '../../../../contract/providers'
import { apiClient } from '../../../lib/api-client'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A page of this site, an https endpoint, or an http one on this machine's loopback (where
 * providers run during development, as the browser treats loopback as a secure origin): nothing
 * else is a place to send a person to sign in.
 */
export function isAuthorizeUrl(url: string): boolean {
  if (url.startsWith('/')) return !url.startsWith('//')
  if (!URL.canParse(url)) return false
  const { protocol, hostname } = new URL(url)
  return protocol === 'https:' || (protocol === 'http:' && LOOPBACK_HOSTS.has(hostname))
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
