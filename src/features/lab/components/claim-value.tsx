import { useLabI18n } from '../lab-i18n'

const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf'])

/** A claim's value as sent; a time claim also as a date and how far it is from the server's now. */
export function ClaimValue({
  name,
  value,
  serverNow,
}: {
  name: string
  value: unknown
  serverNow: number
}) {
  const { t, format } = useLabI18n()
  if (TIME_CLAIMS.has(name) && typeof value === 'number') {
    const at = new Date(value * 1000)
    const diff = at.getTime() - serverNow
    return (
      <>
        <code>{value}</code> = <time dateTime={at.toISOString()}>{format.dateTime(at)}</time>{' '}
        <span className="muted">
          (
          {diff >= 0
            ? t.lab.jwt.inTime(format.duration(diff))
            : t.lab.jwt.ago(format.duration(-diff))}
          )
        </span>
      </>
    )
  }
  return <code>{JSON.stringify(value)}</code>
}
