import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useAuth } from '../../../auth'
import { useI18n } from '../../../i18n/i18n-provider'
import { sessionKeys } from '../api/get-sessions'
import { ConfirmedAction } from '../../../components/confirmed-action'
import '../sessions.css'

/** Revokes every other session of the user once confirmed, and keeps this one. */
export function SignOutOthers() {
  const { signOutOthers } = useAuth()
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [done, setDone] = useState(false)

  async function signOutTheOthers() {
    setDone(false)
    await signOutOthers()
    // The list still shows the devices just signed out; ask again.
    await queryClient.invalidateQueries({ queryKey: sessionKeys.all })
  }

  return (
    <>
      <ConfirmedAction
        label={t.devices.othersButton}
        question={t.devices.othersConfirmHeading}
        explanation={t.devices.othersConfirmBody}
        failureMessage={t.devices.othersFailed}
        action={signOutTheOthers}
        onDone={() => setDone(true)}
      />
      <p role="status" className="muted">
        {done ? t.devices.othersDone : ''}
      </p>
    </>
  )
}
