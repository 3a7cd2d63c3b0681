import { useEffect, useState } from 'react'
import { useI18n } from '../../../i18n/i18n-provider'
import type { ProviderConfig, SocialProvider } from '../../../../contract/providers'
import { useProviders } from '../api/get-providers'
import { beginSocialSignIn } from '../oauth-flow'
import { ProviderLogo } from '../../../components/provider-logo'
import '../social-sign-in.css'

interface SocialSignInButtonsProps {
  returnTo: string
  /** "Keep me signed in", carried through the trip to the provider and back. */
  remember: boolean
}

/**
 * A button per provider the backend offers, each in its provider's own style and wording, under
 * an "or" that separates them from the password form; nothing at all when it offers none. A click
 * leaves for the provider's consent page.
 */
export function SocialSignInButtons({ returnTo, remember }: SocialSignInButtonsProps) {
  const { t } = useI18n()
  const { data: providers = [] } = useProviders()
  const [leavingFor, setLeavingFor] = useState<SocialProvider | null>(null)
  const [failed, setFailed] = useState(false)

  // Back from the provider, the browser may show this page from its cache exactly as it was
  // left: with the buttons still waiting. Let them be pressed again.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setLeavingFor(null)
    }
    window.addEventListener('pageshow', onPageShow)
    return () => window.removeEventListener('pageshow', onPageShow)
  }, [])

  async function start(provider: ProviderConfig) {
    setLeavingFor(provider.id)
    setFailed(false)
    try {
      window.location.assign(await beginSocialSignIn(provider, { returnTo, remember }))
    } catch {
      // sessionStorage can be full or switched off; without it the answer could not be checked.
      setFailed(true)
      setLeavingFor(null)
    }
  }

  if (providers.length === 0) return null
  return (
    <div className="social-sign-in">
      <p className="social-divider">{t.signIn.or}</p>
      <div role="alert" className="alert">
        {failed ? t.social.startFailed : null}
      </div>
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          className={`social-button ${provider.id}`}
          disabled={leavingFor !== null}
          aria-busy={leavingFor === provider.id}
          onClick={() => void start(provider)}
        >
          {leavingFor === provider.id ? (
            <span className="spinner provider-logo" aria-hidden="true" />
          ) : (
            <ProviderLogo provider={provider.id} />
          )}
          {t.social[provider.id]}
        </button>
      ))}
    </div>
  )
}
