import { useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import type { AuthSession } from '../../../auth'
import { useLabI18n } from '../lab-i18n'
import { callAsTheApp, type CallResult } from '../experiments'
import { BusyButton } from './busy-button'

/** Uses the token as every feature does, to see the server take it or the core replace it. */
export function CallAsTheApp({ session }: { session: AuthSession }) {
  const { t } = useLabI18n()
  const said = t.lab.jwt.call
  // The last answer is kept here rather than read from the mutation, whose reset on a new call
  // reaches the page a task later: until then the old answer would stand for the new call's, and
  // a screen reader would not hear the same words announced again.
  const [result, setResult] = useState<CallResult | null>(null)
  const call = useMutation({ mutationFn: () => callAsTheApp(session), onSuccess: setResult })
  const status = result ? String(result.status ?? t.lab.noResponse) : ''
  function start(): void {
    setResult(null)
    call.mutate()
  }
  return (
    <div className="lab-actions jwt-call">
      <BusyButton busy={call.isPending} className="button small" onClick={start}>
        {said.button}
      </BusyButton>
      <p aria-live="polite" className="lab-note">
        {result && (result.replayed ? said.replayed(status) : said.accepted(status))}
      </p>
    </div>
  )
}
