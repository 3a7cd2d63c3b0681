import { Fill } from '../../../i18n/fill'
import { useLabI18n } from '../lab-i18n'
import type { SignatureVerdict as Verdict } from '../jwt'

/** What checking the signature in the browser found, and why it could or could not be checked. */
export function SignatureVerdict({ verdict }: { verdict: Verdict | null }) {
  const { t } = useLabI18n()
  const said = t.lab.jwt
  if (!verdict) return <p className="muted">{said.checking}</p>
  if (verdict.kind === 'secret') {
    return (
      <p className="notice">
        <strong>{said.secretTitle(verdict.alg)}</strong> {said.secretBody}
      </p>
    )
  }
  if (verdict.kind === 'invalid') {
    const reasons = said.invalidReasons
    return (
      <p className="alert">
        <strong>{said.invalidTitle}</strong>{' '}
        {verdict.reason === 'algorithm' ? reasons.algorithm(verdict.alg) : reasons[verdict.reason]}
      </p>
    )
  }
  return (
    <p className="notice">
      <strong>{said.validTitle(verdict.alg)}</strong>{' '}
      <Fill
        text={said.validBody}
        values={{
          kid: <code>{verdict.kid ?? said.noKid}</code>,
          jwks: <code>/api/.well-known/jwks.json</code>,
        }}
      />
      {verdict.expired && ` ${said.expiredThough}`}
    </p>
  )
}
