import { useState } from 'react'
import type { User } from '../../../../contract/auth'
import { socialProviderSchema, type SocialProvider } from '../../../../contract/providers'
import { providerLabel } from '../../../i18n/provider-label'
import { useAccountI18n } from '../account-i18n'
import { useUnlinkProvider } from '../api/unlink-provider'
import { accountFailureMessage } from '../failure'

export interface ProviderLinking {
  /** The providers this backend offers, in its order: each not yet linked gets a button. */
  offered: readonly SocialProvider[]
  /** Leaves for the provider to link it; rejects when the trip cannot start here. */
  start: (provider: SocialProvider) => Promise<void>
}

/**
 * The providers linked to the account, each of which can be unlinked but the last way in, and
 * a button to link each other provider the backend offers.
 */
export function ProvidersSection({ user, linking }: { user: User; linking: ProviderLinking }) {
  const { t } = useAccountI18n()
  const unlink = useUnlinkProvider()
  const [unlinked, setUnlinked] = useState<string | null>(null)
  const [leavingFor, setLeavingFor] = useState<SocialProvider | null>(null)
  const [startFailed, setStartFailed] = useState(false)
  // `providers` names the password too; only the social ones are linked identities.
  const linked = user.providers.filter((method) => socialProviderSchema.safeParse(method).success)
  const unlinkedOffers = linking.offered.filter((provider) => !linked.includes(provider))

  async function startLink(provider: SocialProvider) {
    setLeavingFor(provider)
    setStartFailed(false)
    try {
      await linking.start(provider)
    } catch {
      // sessionStorage can be full or switched off; without it the answer could not be checked.
      setStartFailed(true)
      setLeavingFor(null)
    }
  }

  return (
    <section className="card account-section" aria-labelledby="providers-heading">
      <h2 id="providers-heading">{t.accountPage.providersHeading}</h2>
      <p className="muted">{t.accountPage.providersLead}</p>
      {linked.length === 0 ? (
        <p>{t.accountPage.noProviders}</p>
      ) : (
        <ul className="account-list">
          {linked.map((provider) => (
            <li key={provider}>
              <span className="account-item-name">{providerLabel(t, provider)}</span>
              <button
                type="button"
                className="button small"
                aria-label={t.accountPage.unlinkLabel(providerLabel(t, provider))}
                disabled={unlink.isPending}
                onClick={() => {
                  setUnlinked(null)
                  unlink.mutate(provider, { onSuccess: () => setUnlinked(provider) })
                }}
              >
                {t.accountPage.unlink}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div role="alert" className="alert">
        {unlink.isError && accountFailureMessage(t, unlink.error)}
        {startFailed && t.accountPage.linkStartFailed}
      </div>
      <p role="status" className="notice">
        {unlinked !== null && t.accountPage.unlinked(providerLabel(t, unlinked))}
      </p>
      {unlinkedOffers.length > 0 && (
        <div className="row-actions">
          {unlinkedOffers.map((provider) => (
            <button
              key={provider}
              type="button"
              className="button small"
              disabled={leavingFor !== null}
              aria-busy={leavingFor === provider}
              onClick={() => void startLink(provider)}
            >
              {leavingFor === provider && <span className="spinner" aria-hidden="true" />}
              {t.accountPage.link(providerLabel(t, provider))}
            </button>
          ))}
        </div>
      )}
    </section>
  )
}
