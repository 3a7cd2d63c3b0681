import { useEffect, useState, type FormEvent } from 'react'
import { isAuthError } from '../../../auth/errors'
import { useAuth } from '../../../auth/react'

/** What to tell the user about a failed sign-in; never a stack trace or a raw status. */
function describeFailure(error: unknown): { message: string; retryAfterSec: number | null } {
  if (!isAuthError(error) || error.kind === 'transient') {
    return {
      message: 'We could not reach the server. Check your connection and try again.',
      retryAfterSec: null,
    }
  }
  if (error.code === 'too_many_attempts') {
    const wait = error.retryAfterSec ?? 60
    return {
      message: `Too many sign-in attempts. Try again in ${formatWait(wait)}.`,
      retryAfterSec: wait,
    }
  }
  return { message: error.message, retryAfterSec: null }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
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

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { signIn } = useAuth()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [lockedFor, lockFor] = useCountdown()

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      await signIn({ username: username.trim(), password })
      onSignedIn()
    } catch (failure) {
      const { message, retryAfterSec } = describeFailure(failure)
      setError(message)
      if (retryAfterSec !== null) lockFor(retryAfterSec)
      setPending(false)
    }
  }

  return (
    <form
      className="stack"
      onSubmit={submit}
      aria-describedby={error ? 'sign-in-error' : undefined}
    >
      <label className="field">
        <span>Username</span>
        <input
          name="username"
          autoComplete="username"
          required
          maxLength={128}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </label>
      <label className="field">
        <span>Password</span>
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
      {/* Always in the DOM, so screen readers announce the message when it appears. */}
      <div role="alert" id="sign-in-error" className="alert">
        {error}
      </div>
      <button
        type="submit"
        className="button primary"
        disabled={pending || lockedFor > 0}
        aria-busy={pending}
      >
        {pending && <span className="spinner" aria-hidden="true" />}
        Sign in
      </button>
    </form>
  )
}
