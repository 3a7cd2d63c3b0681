import { AccountPage } from '../../features/account/components/account-page'
import { useDocumentTitle } from '../use-document-title'

export function AccountRoute() {
  // The header link's name is the page's name; the page's other words load with its chunk.
  useDocumentTitle((t) => t.account.headerLink)
  return <AccountPage />
}
