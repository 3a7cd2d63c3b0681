import { useState, type FormEvent } from 'react'
import type { Passkey } from '../../../../contract/account'
import { ConfirmedAction } from '../../../components/confirmed-action'
import { Moment } from '../../../components/moment'
import { useNow } from '../../../lib/use-now'
import { useAccountI18n } from '../account-i18n'
import { useAddPasskey } from '../api/add-passkey'
import { useDeletePasskey } from '../api/delete-passkey'
import { usePasskeys } from '../api/get-passkeys'
import { useRenamePasskey } from '../api/rename-passkey'
import { accountFailureMessage } from '../failure'

function RenameForm({ passkey, onDone }: { passkey: Passkey; onDone: () => void }) {
  const { t } = useAccountI18n()
  const rename = useRenamePasskey()
  const [name, setName] = useState(passkey.name)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    rename.mutate({ id: passkey.id, name: name.trim() }, { onSuccess: onDone })
  }

  return (
    <form className="rename-form" onSubmit={submit}>
      <label className="field">
        <span>{t.accountPage.passkeyName}</span>
        <input
          name="passkey-name"
          required
          minLength={1}
          maxLength={64}
          autoFocus
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <div role="alert" className="alert">
        {rename.isError && accountFailureMessage(t, rename.error)}
      </div>
      <div className="row-actions">
        <button type="submit" className="button small primary" disabled={rename.isPending}>
          {t.accountPage.save}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          {t.accountPage.cancel}
        </button>
      </div>
    </form>
  )
}

function PasskeyRow({ passkey, now }: { passkey: Passkey; now: number }) {
  const { t } = useAccountI18n()
  const remove = useDeletePasskey()
  const [renaming, setRenaming] = useState(false)

  return (
    <li className="passkey-row">
      <div className="passkey-details">
        <strong className="account-item-name">{passkey.name}</strong>
        <span className="muted">
          {t.accountPage.created} <Moment iso={passkey.createdAt} now={now} happened />
        </span>
        <span className="muted">
          {passkey.lastUsedAt === null ? (
            t.accountPage.neverUsed
          ) : (
            <>
              {t.accountPage.lastUsed} <Moment iso={passkey.lastUsedAt} now={now} happened />
            </>
          )}
        </span>
        <span className="passkey-badge">
          {passkey.backedUp ? t.accountPage.synced : t.accountPage.thisDevice}
        </span>
      </div>
      {renaming ? (
        <RenameForm passkey={passkey} onDone={() => setRenaming(false)} />
      ) : (
        <div className="row-actions">
          <button type="button" className="button small" onClick={() => setRenaming(true)}>
            {t.accountPage.rename}
          </button>
          <ConfirmedAction
            label={t.accountPage.delete}
            question={t.accountPage.deleteConfirmHeading}
            explanation={t.accountPage.deleteConfirmBody(passkey.name)}
            failureMessage={
              remove.isError ? accountFailureMessage(t, remove.error) : t.accountPage.actionFailed
            }
            action={() => remove.mutateAsync(passkey.id)}
          />
        </div>
      )}
    </li>
  )
}

/** The user's passkeys, newest first, with adding, renaming and deleting. */
export function PasskeysSection() {
  const { t } = useAccountI18n()
  const passkeys = usePasskeys()
  const add = useAddPasskey()
  // Relative times ("3 minutes ago") move on while the page stays open.
  const [now] = useNow(30_000)
  const [added, setAdded] = useState<string | null>(null)

  return (
    <section className="card account-section" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">{t.accountPage.passkeysHeading}</h2>
      <p className="muted">{t.accountPage.passkeysLead}</p>
      {passkeys.isPending ? (
        <p className="muted" aria-busy="true">
          {t.accountPage.passkeysLoading}
        </p>
      ) : passkeys.isError ? (
        <div role="alert" className="alert">
          <p>{t.accountPage.passkeysFailed}</p>
          <button type="button" className="button small" onClick={() => void passkeys.refetch()}>
            {t.accountPage.retry}
          </button>
        </div>
      ) : passkeys.data.length === 0 ? (
        <p>{t.accountPage.noPasskeys}</p>
      ) : (
        <ul className="account-list" aria-labelledby="passkeys-heading">
          {passkeys.data.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} now={now} />
          ))}
        </ul>
      )}
      <div role="alert" className="alert">
        {add.isError && accountFailureMessage(t, add.error)}
      </div>
      <p role="status" className="notice">
        {added !== null && t.accountPage.passkeyAdded(added)}
      </p>
      <button
        type="button"
        className="button primary"
        disabled={add.isPending}
        aria-busy={add.isPending}
        onClick={() => {
          setAdded(null)
          add.mutate(null, { onSuccess: (passkey) => setAdded(passkey.name) })
        }}
      >
        {add.isPending && <span className="spinner" aria-hidden="true" />}
        {t.accountPage.addPasskey}
      </button>
    </section>
  )
}
