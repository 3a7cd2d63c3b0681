import { useId, useState, type FormEvent } from 'react'
import type { User } from '../../../../contract/auth'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../../contract/account'
import { useAccountI18n } from '../account-i18n'
import { useChangePassword } from '../api/change-password'
import { accountFailureMessage } from '../failure'

/**
 * Sets a first password, or changes it with the current one. The length is checked here only
 * to help; the server's `weak_password` is the rule (it also refuses the username inside).
 */
export function PasswordSection({ user }: { user: User }) {
  const { t } = useAccountI18n()
  const hintId = useId()
  const change = useChangePassword()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [doneWith, setDoneWith] = useState<'set' | 'changed' | null>(null)
  const hasPassword = user.hasPassword === true

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setDoneWith(null)
    change.mutate(hasPassword ? { currentPassword, newPassword } : { newPassword }, {
      onSuccess: () => {
        setCurrentPassword('')
        setNewPassword('')
        setDoneWith(hasPassword ? 'changed' : 'set')
      },
    })
  }

  return (
    <section className="card account-section" aria-labelledby="password-heading">
      <h2 id="password-heading">{t.accountPage.passwordHeading}</h2>
      <p className="muted">
        {hasPassword ? t.accountPage.passwordChangeLead : t.accountPage.passwordSetLead}
      </p>
      <form className="stack" onSubmit={submit}>
        {/* Password managers pair the new password with this account by this field. */}
        <input type="hidden" name="username" autoComplete="username" value={user.username} />
        {hasPassword && (
          <label className="field">
            <span>{t.accountPage.currentPassword}</span>
            <input
              name="current-password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={PASSWORD_MAX_LENGTH}
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.target.value)}
            />
          </label>
        )}
        <label className="field">
          <span>{t.accountPage.newPassword}</span>
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
            aria-describedby={hintId}
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
          />
        </label>
        <small id={hintId} className="muted field-hint">
          {t.accountPage.newPasswordHint(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)}
        </small>
        <div role="alert" className="alert">
          {change.isError && accountFailureMessage(t, change.error)}
        </div>
        <p role="status" className="notice">
          {doneWith === 'changed' && t.accountPage.passwordChanged}
          {doneWith === 'set' && t.accountPage.passwordSet}
        </p>
        <button
          type="submit"
          className="button primary"
          disabled={change.isPending}
          aria-busy={change.isPending}
        >
          {change.isPending && <span className="spinner" aria-hidden="true" />}
          {hasPassword ? t.accountPage.changePassword : t.accountPage.setPassword}
        </button>
      </form>
    </section>
  )
}
