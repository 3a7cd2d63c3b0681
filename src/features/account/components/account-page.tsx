import '../account.css'
import { useAccountI18n } from '../account-i18n'
import { useMe } from '../api/get-me'
import { isCalmOutcome, linkOutcomeMessage, type LinkOutcome } from '../link-outcome'
import { PasskeysSection } from './passkeys-section'
import { PasswordSection } from './password-section'
import { ProvidersSection, type ProviderLinking } from './providers-section'

interface AccountPageProps {
  linking: ProviderLinking
  /** How a trip to link a provider ended, when the page opens after one. */
  linkOutcome: LinkOutcome | null
}

/** How the user signs in: password, linked providers and passkeys. */
export function AccountPage({ linking, linkOutcome }: AccountPageProps) {
  const { t } = useAccountI18n()
  const me = useMe()
  // Worded once the account is shown, into regions already on the page, so it is announced.
  const outcome = me.isSuccess ? linkOutcome : null
  return (
    <>
      <div className="page-heading">
        <h1>{t.accountPage.heading}</h1>
        <p className="muted">{t.accountPage.lead}</p>
      </div>
      <p role="status" className="notice account-outcome">
        {outcome && isCalmOutcome(outcome) && linkOutcomeMessage(t, outcome)}
      </p>
      <div role="alert" className="alert account-outcome">
        {outcome && !isCalmOutcome(outcome) && linkOutcomeMessage(t, outcome)}
      </div>
      {/* The passkeys need nothing from the account: they ask for their list at once, beside
          it, rather than after it, and their heading and lead are drawn without waiting. */}
      <div className="account-sections">
        <PasskeysSection />
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
          <>
            <PasswordSection user={me.data} />
            <ProvidersSection user={me.data} linking={linking} />
          </>
        )}
      </div>
    </>
  )
}
