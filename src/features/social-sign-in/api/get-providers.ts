import { queryOptions, useQuery } from '@tanstack/react-query'
import * as z from 'zod/mini'
import { providerConfigSchema, type ProviderConfig } from '../../../../contract/providers'
import { apiClient } from '../../../lib/api-client'

// A page of this site or an https endpoint: nothing else is a place to send a person to sign in.
const isSafeToVisit = (url: string) =>
  (url.startsWith('/') && !url.startsWith('//')) || url.startsWith('https://')

/**
 * The providers this backend offers, in its order. An entry Reel cannot use (an unknown id, a
 * bad field) is left out rather than failing the rest.
 */
export function parseProviders(data: unknown): ProviderConfig[] {
  const list = z.array(z.unknown()).safeParse(data)
  if (!list.success) return []
  return list.data.flatMap((entry) => {
    const parsed = providerConfigSchema.safeParse(entry)
    return parsed.success && isSafeToVisit(parsed.data.authorizeUrl) ? [parsed.data] : []
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
