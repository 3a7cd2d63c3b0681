import { useI18n } from '../i18n/i18n-provider'

/**
 * A moment as people say it ("5 minutes ago", "in 2 weeks"), with the exact time as its tooltip.
 * One that `happened` is never said in the future, whatever the server's clock dated it.
 */
export function Moment({ iso, now, happened }: { iso: string; now: number; happened: boolean }) {
  const { format } = useI18n()
  const date = new Date(iso)
  return (
    <time dateTime={iso} title={format.full(date)}>
      {happened ? format.since(date, now) : format.relative(date, now)}
    </time>
  )
}
