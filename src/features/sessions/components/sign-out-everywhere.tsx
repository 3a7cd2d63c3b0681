import { useAuth } from '../../../auth'
import { useI18n } from '../../../i18n/i18n-provider'
import { ConfirmedAction } from '../../../components/confirmed-action'
import '../sessions.css'

/** Revokes every session of the user once confirmed; the app then leaves for the sign-in page. */
export function SignOutEverywhere() {
  const { signOutEverywhere } = useAuth()
  const { t } = useI18n()
  return (
    <ConfirmedAction
      label={t.devices.everywhereButton}
      question={t.devices.everywhereConfirmHeading}
      explanation={t.devices.everywhereConfirmBody}
      failureMessage={t.devices.everywhereFailed}
      action={signOutEverywhere}
    />
  )
}
