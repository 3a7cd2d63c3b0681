import { useEffect, useState } from 'react'
import { providerLabel } from '../../sessions/utils/provider-label'
import { beginSocialSignIn } from '../oauth-flow'
import { SOCIAL_PROVIDERS, type SocialProvider } from '../providers'
import { ProviderLogo } from './provider-logo'
import '../social-sign-in.css'

/**
 * "Continue with Google / Kakao / Naver", each in its provider's own style, under an "or" that
 * separates them from the password form. A click leaves for the provider's consent page.
 */
export function SocialSignInButtons({ returnTo }: { returnTo: string }) {
  const [leavingFor, setLeavingFor] = useState<SocialProvider | null>(null)
  const [error, setError] = useState<string | null>(null)

  // Back from the provider, the browser may show this page from its cache exactly as it was
  // left: with the buttons still waiting. Let them be pressed again.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setLeavingFor(null)
    }
    window.addEventListener('pageshow', onPageShow)
    return () => window.removeEventListener('pageshow', onPageShow)
  }, [])

  async function start(provider: SocialProvider) {
    setLeavingFor(provider)
    setError(null)
    try {
      window.location.assign(await beginSocialSignIn(provider, returnTo))
    } catch {
      // sessionStorage can be full or switched off; without it the answer could not be checked.
      setError('We could not start the sign-in in this browser. Please try again.')
      setLeavingFor(null)
    }
  }

  return (
    <div className="social-sign-in">
      <p className="social-divider">or</p>
      <div role="alert" className="alert">
        {error}
      </div>
      {SOCIAL_PROVIDERS.map((provider) => (
        <button
          key={provider}
          type="button"
          className={`social-button ${provider}`}
          disabled={leavingFor !== null}
          aria-busy={leavingFor === provider}
          onClick={() => void start(provider)}
        >
          {leavingFor === provider ? (
            <span className="spinner provider-logo" aria-hidden="true" />
          ) : (
            <ProviderLogo provider={provider} />
          )}
          Continue with {providerLabel(provider)}
        </button>
      ))}
    </div>
  )
}
