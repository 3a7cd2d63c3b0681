import { useEffect, useMemo, useRef, useState } from 'react'
import { Fill } from '../../../i18n/fill'
import { useLabI18n } from '../lab-i18n'
import { formatCountdown } from '../format'
import { decodeToken, verifySignature, type SignatureVerdict as Verdict } from '../jwt'
import { ClaimValue } from './claim-value'
import { SignatureVerdict } from './signature-verdict'
import { TokenTamper } from './token-tamper'

/** A token taken apart: its three parts, its expiry countdown, header, claims and signature. */
export function TokenDetails({ token, serverNow }: { token: string; serverNow: number }) {
  const { t } = useLabI18n()
  const said = t.lab.jwt
  const meanings: Readonly<Record<string, string>> = said.claimMeanings
  const decoded = useMemo(() => decodeToken(token), [token])
  const [verdict, setVerdict] = useState<{ token: string; verdict: Verdict } | null>(null)
  const { header, claims, parts } = decoded
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : null

  // The clock ticks every second; the token is verified once, at the time it is shown.
  const verifiedAt = useRef(serverNow)
  useEffect(() => {
    let current = true
    void verifySignature(token, new Date(verifiedAt.current)).then((result) => {
      if (current) setVerdict({ token, verdict: result })
    })
    return () => {
      current = false
    }
  }, [token])

  return (
    <div className="jwt-details">
      <p className="jwt-raw" aria-label={said.parts}>
        <span className="jwt-part header">{parts[0]}</span>.
        <span className="jwt-part payload">{parts[1]}</span>.
        <span className="jwt-part signature">{parts[2]}</span>
      </p>
      {exp !== null && (
        <p className="jwt-countdown">
          <Fill
            text={exp > serverNow ? said.expiresIn : said.expiredAgo}
            values={{
              // A timer is not announced as it ticks: a screen reader reads it when asked.
              time: (
                <span role="timer" aria-live="off" className="numeric">
                  {formatCountdown(exp - serverNow)}
                </span>
              ),
            }}
          />
        </p>
      )}
      <div className="jwt-columns">
        <table className="jwt-table">
          <caption>{said.header}</caption>
          <tbody>
            {Object.entries(header).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <code>{JSON.stringify(value)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="jwt-table">
          <caption>{said.claims}</caption>
          <tbody>
            {Object.entries(claims).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                  {meanings[name] && <span className="jwt-meaning">{meanings[name]}</span>}
                </th>
                <td>
                  <ClaimValue name={name} value={value} serverNow={serverNow} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SignatureVerdict verdict={verdict?.token === token ? verdict.verdict : null} />
      <p className="lab-hint">{said.notEncrypted}</p>
      <TokenTamper key={token} token={token} claims={claims} />
    </div>
  )
}
