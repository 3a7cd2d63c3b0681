import { useLabI18n, type LabAwareMessages } from '../lab-i18n'
import type { TokenVerdict } from '../api/send-token-to-me'

type Refusals = LabAwareMessages['lab']['jwt']['refusals']

const isWorded = (refusals: Refusals, code: string): code is keyof Refusals =>
  Object.hasOwn(refusals, code)

/** One line on what the server answered a token: green for 200, red otherwise. */
export function TokenVerdictLine({ verdict, label }: { verdict: TokenVerdict; label: string }) {
  const { t } = useLabI18n()
  const { refusals } = t.lab.jwt
  const { code } = verdict
  return (
    <p className={verdict.status === 200 ? 'notice' : 'alert'}>
      {label}: <strong>{verdict.status ?? t.lab.noResponse}</strong>
      {code && (
        <>
          {' '}
          <code>{code}</code>
          {isWorded(refusals, code) && ` (${refusals[code]})`}
        </>
      )}
    </p>
  )
}
