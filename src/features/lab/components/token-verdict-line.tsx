import { useLabI18n } from '../lab-i18n'
import type { TokenVerdict } from '../api/send-token-to-me'

/** One line on what the server answered a token: green for 200, red otherwise. */
export function TokenVerdictLine({ verdict, label }: { verdict: TokenVerdict; label: string }) {
  const { t } = useLabI18n()
  return (
    <p className={verdict.status === 200 ? 'notice' : 'alert'}>
      {label}: <strong>{verdict.status ?? t.lab.noResponse}</strong>
      {verdict.code && (
        <>
          {' '}
          <code>{verdict.code}</code>
        </>
      )}
      {verdict.title && ` (${verdict.title})`}
    </p>
  )
}
