import { useMutation } from '@tanstack/react-query'
import type { AuthSession } from '../../../auth'
import { useLabI18n } from '../lab-i18n'
import { callAsTheApp } from '../experiments'
import { BusyButton } from './busy-button'

/** Uses the token as every feature does, to see the server take it or the core replace it. */
export function CallAsTheApp({ session }: { session: AuthSession }) {
  const { t } = useLabI18n()
  const said = t.lab.jwt.call
  const call = useMutation({ mutationFn: () => callAsTheApp(session) })
  const result = call.data
  const status = result ? String(result.status ?? t.lab.noResponse) : ''
  return (
    <div className="lab-actions jwt-call">
      <BusyButton busy={call.isPending} className="button small" onClick={() => call.mutate()}>
        {said.button}
      </BusyButton>
      <p aria-live="polite" className="lab-note">
        {result && (result.replayed ? said.replayed(status) : said.accepted(status))}
      </p>
    </div>
  )
}
