import '../account.css'
import { useAccountI18n } from '../account-i18n'
import { useMe } from '../api/get-me'
import { PasskeysSection } from './passkeys-section'
import { PasswordSection } from './password-section'
import { ProvidersSection } from './providers-section'

/** How the user signs in: password, linked providers and passkeys. */
export function AccountPage() {
  const { t } = useAccountI18n()
  const me = useMe()
  return (
    <>
      <div className="page-heading">
        <h1>{t.accountPage.heading}</h1>
        <p className="muted">{t.accountPage.lead}</p>
      </div>
      {me.isPending ? (
        <div className="skeleton-block" aria-busy="true" />
      ) : me.isError ? (
        <div role="alert" className="alert">
          <p>{t.accountPage.loadFailed}</p>
          <button type="button" className="button small" onClick={() => void me.refetch()}>
            {t.accountPage.retry}
          </button>
        </div>
      ) : (
        <div className="account-sections">
          <PasskeysSection />
          <PasswordSection user={me.data} />
          <ProvidersSection user={me.data} />
        </div>
      )}
    </>
  )
}
