import { useState } from 'react'
import type { User } from '../../../../contract/auth'
import { socialProviderSchema } from '../../../../contract/providers'
import { providerLabel } from '../../../i18n/provider-label'
import { useAccountI18n } from '../account-i18n'
import { useUnlinkProvider } from '../api/unlink-provider'
import { accountFailureMessage } from '../failure'

/** The providers linked to the account, each of which can be unlinked but the last way in. */
export function ProvidersSection({ user }: { user: User }) {
  const { t } = useAccountI18n()
  const unlink = useUnlinkProvider()
  const [unlinked, setUnlinked] = useState<string | null>(null)
  // `providers` names the password too; only the social ones are linked identities.
  const linked = user.providers.filter((method) => socialProviderSchema.safeParse(method).success)

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
      </div>
      <p role="status" className="notice">
        {unlinked !== null && t.accountPage.unlinked(providerLabel(t, unlinked))}
      </p>
    </section>
  )
}
