import { useMutation } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Fill } from '../../../i18n/fill'
import { useLabI18n } from '../lab-i18n'
import { sendTokenToMe } from '../api/send-token-to-me'
import { forgeToken, type Forgery } from '../jwt'
import { BusyButton } from './busy-button'
import { TokenVerdictLine } from './token-verdict-line'

/** Forges the token (a changed claim, or `alg: none`) and shows the server refuse it. */
export function TokenTamper({ token, claims }: { token: string; claims: Record<string, unknown> }) {
  const { t } = useLabI18n()
  const said = t.lab.jwt.tamper
  const claimId = useId()
  const valueId = useId()
  const kindId = useId()
  const names = Object.keys(claims)
  const [kind, setKind] = useState<Forgery['kind']>('claim')
  const [claim, setClaim] = useState(names.includes('sub') ? 'sub' : (names[0] ?? 'sub'))
  const [value, setValue] = useState(() => String(claims[claim] ?? ''))

  const sendForged = useMutation({
    mutationFn: async (forgery: Forgery) => {
      const forged = forgeToken(token, forgery)
      return { token: forged, verdict: await sendTokenToMe(forged) }
    },
  })
  const sendOriginal = useMutation({ mutationFn: () => sendTokenToMe(token) })
  const sending = sendForged.isPending || sendOriginal.isPending

  const before = claims[claim]
  const parsedValue = typeof before === 'number' ? Number(value) : value
  const invalid = typeof parsedValue === 'number' && !Number.isFinite(parsedValue)

  return (
    <section className="jwt-tamper" aria-labelledby="tamper-heading">
      <h3 id="tamper-heading">{said.heading}</h3>
      <p className="lab-hint">
        <Fill text={said.hint} values={{ endpoint: <code>GET /api/me</code> }} />
      </p>
      <form
        className="lab-actions"
        onSubmit={(event) => {
          event.preventDefault()
          sendForged.mutate(kind === 'alg-none' ? { kind } : { kind, claim, value: parsedValue })
        }}
      >
        <div className="lab-inline-field">
          <label htmlFor={kindId}>{said.forgery}</label>
          <select
            id={kindId}
            className="lab-input"
            value={kind}
            onChange={(event) => setKind(event.target.value === 'alg-none' ? 'alg-none' : 'claim')}
          >
            <option value="claim">{said.changeClaim}</option>
            <option value="alg-none">{said.algNone}</option>
          </select>
        </div>
        {kind === 'claim' && (
          <>
            <div className="lab-inline-field">
              <label htmlFor={claimId}>{said.claim}</label>
              <select
                id={claimId}
                className="lab-input"
                value={claim}
                onChange={(event) => {
                  setClaim(event.target.value)
                  setValue(String(claims[event.target.value] ?? ''))
                }}
              >
                {names.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div className="lab-inline-field">
              <label htmlFor={valueId}>{said.newValue}</label>
              <input
                id={valueId}
                className="lab-input"
                value={value}
                inputMode={typeof before === 'number' ? 'numeric' : 'text'}
                aria-invalid={invalid}
                onChange={(event) => setValue(event.target.value)}
              />
            </div>
          </>
        )}
        <BusyButton type="submit" busy={sending} disabled={invalid} className="button primary">
          {said.sendForged}
        </BusyButton>
        <BusyButton busy={sending} className="button" onClick={() => sendOriginal.mutate()}>
          {said.sendUnchanged}
        </BusyButton>
      </form>
      <div aria-live="polite">
        {sendOriginal.data && (
          <TokenVerdictLine verdict={sendOriginal.data} label={said.unchanged} />
        )}
        {sendForged.data && (
          <>
            <TokenVerdictLine verdict={sendForged.data.verdict} label={said.forged} />
            <details>
              <summary>{said.forgedToken}</summary>
              <code className="jwt-raw">{sendForged.data.token}</code>
            </details>
          </>
        )}
      </div>
    </section>
  )
}
