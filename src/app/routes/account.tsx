import type { QueryClient } from '@tanstack/react-query'
import type { SocialProvider } from '../../../contract/providers'
import { meQueryOptions } from '../../features/account/api/get-me'
import { passkeysQueryOptions } from '../../features/account/api/get-passkeys'
import { AccountPage } from '../../features/account/components/account-page'
import { readLinkOutcome } from '../../features/account/link-outcome'
import {
  providersQueryOptions,
  useProviders,
} from '../../features/social-sign-in/api/get-providers'
import { beginProviderLink } from '../../features/social-sign-in/oauth-flow'
import { paths } from '../paths'
import { useDocumentTitle } from '../use-document-title'
import { useHistoryStateOnce } from '../use-history-state-once'

export function prefetch(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(meQueryOptions())
  void queryClient.prefetchQuery(passkeysQueryOptions())
  void queryClient.prefetchQuery(providersQueryOptions())
}

export function AccountRoute() {
  // The header link's name is the page's name; the page's other words load with its chunk.
  useDocumentTitle((t) => t.account.headerLink)
  // A link's outcome is told once: not again on a reload, nor on a return by Back or Forward.
  const linkOutcome = useHistoryStateOnce(readLinkOutcome)
  const { data: providers = [] } = useProviders()

  async function startLink(id: SocialProvider) {
    const provider = providers.find((offered) => offered.id === id)
    if (!provider) throw new Error(`${id} is not offered`)
    window.location.assign(await beginProviderLink(provider, { returnTo: paths.account }))
  }

  return (
    <AccountPage
      linking={{ offered: providers.map((provider) => provider.id), start: startLink }}
      linkOutcome={linkOutcome}
    />
  )
}
