import { useEffect, useState, type FormEvent } from 'react'
import { isAuthError, useAuth } from '../../../auth'
import type { Messages } from '../../../i18n/catalogues'
import { useI18n } from '../../../i18n/i18n-provider'
import { serverErrorMessage } from '../../../i18n/server-error'

/** Why a sign-in failed, as the form keeps it: worded at render time, in the page's language. */
type Failure =
  | { kind: 'unreachable' }
  | { kind: 'throttled'; waitSec: number }
  | { kind: 'refused'; code: string | null }

function classify(error: unknown): Failure {
  if (!isAuthError(error) || error.kind === 'transient') return { kind: 'unreachable' }
  if (error.code === 'too_many_attempts') {
    return { kind: 'throttled', waitSec: error.retryAfterSec ?? 60 }
  }
  return { kind: 'refused', code: error.code }
}

/** What to tell the user about a failed sign-in; never a stack trace, a status or the server's words. */
function describe(messages: Messages, failure: Failure): string {
  switch (failure.kind) {
    case 'unreachable':
      return messages.errors.network
    case 'throttled':
      return messages.signIn.tooManyAttempts(formatWait(messages, failure.waitSec))
    case 'refused':
      return serverErrorMessage(messages, failure.code)
  }
}

function formatWait(messages: Messages, seconds: number): string {
  return seconds < 60
    ? messages.duration.seconds(seconds)
    : messages.duration.minutes(Math.ceil(seconds / 60))
}

/** Counts down to zero once a second; while above zero the form stays locked. */
function useCountdown(): [number, (seconds: number) => void] {
  const [secondsLeft, setSecondsLeft] = useState(0)
  useEffect(() => {
    if (secondsLeft <= 0) return
    const timer = setTimeout(() => setSecondsLeft((s) => s - 1), 1000)
    return () => clearTimeout(timer)
  }, [secondsLeft])
  return [secondsLeft, setSecondsLeft]
}

interface SignInFormProps {
  onSignedIn: () => void
  /** "Keep me signed in": the sign-in page shares it with its social sign-in buttons. */
  remember: boolean
  onRememberChange: (remember: boolean) => void
  /** The `linkToken` of a provider sign-in that found this account: signing in links it. */
  linkToken?: string | null
  /** The server refused the link token (`link_invalid`); nobody was signed in. */
  onLinkRefused?: () => void
}

export function SignInForm({
  onSignedIn,
  remember,
  onRememberChange,
  linkToken = null,
  onLinkRefused,
}: SignInFormProps) {
  const { signIn } = useAuth()
  const { t } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [pending, setPending] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [lockedFor, lockFor] = useCountdown()

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    setFailure(null)
    try {
      const credentials = { username: username.trim(), password, remember }
      await signIn(linkToken === null ? credentials : { ...credentials, linkToken })
      onSignedIn()
    } catch (error) {
      const next = classify(error)
      if (next.kind === 'refused' && next.code === 'link_invalid') onLinkRefused?.()
      setFailure(next)
      if (next.kind === 'throttled') lockFor(next.waitSec)
      setPending(false)
    }
  }

  return (
    <form
      className="stack"
      onSubmit={submit}
      aria-describedby={failure ? 'sign-in-error' : undefined}
    >
      <label className="field">
        <span>{t.signIn.username}</span>
        <input
          name="username"
          // "webauthn" lets the browser offer passkeys here too (the sign-in page asks for them).
          autoComplete="username webauthn"
          required
          maxLength={128}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t.signIn.password}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={128}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <label className="checkbox-field">
        <input
          type="checkbox"
          name="remember"
          checked={remember}
          onChange={(event) => onRememberChange(event.target.checked)}
        />
        <span>{t.signIn.keepSignedIn}</span>
      </label>
      {/* Always in the DOM, so screen readers announce the message when it appears. */}
      <div role="alert" id="sign-in-error" className="alert">
        {failure && describe(t, failure)}
      </div>
      <button
        type="submit"
        className="button primary"
        disabled={pending || lockedFor > 0}
        aria-busy={pending}
      >
        {pending && <span className="spinner" aria-hidden="true" />}
        {t.signIn.submit}
      </button>
    </form>
  )
}
