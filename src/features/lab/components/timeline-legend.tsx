import { useLabI18n } from '../lab-i18n'

/** A swatch of each kind of mark, drawn with the drawing's own classes, and what it means. */
export function TimelineLegend() {
  const { t } = useLabI18n()
  const said = t.lab.timeline.legend
  const entries = [
    ['tl-token', said.token],
    ['tl-token tl-from-other', said.tokenFromOther],
    ['tl-refresh succeeded led', said.refreshLed],
    ['tl-refresh succeeded followed', said.refreshFollowed],
    ['tl-refresh failed led', said.refreshFailed],
    ['tl-request ok', said.requestOk],
    ['tl-request replayed', said.requestReplayed],
    ['tl-request failed', said.requestFailed],
    ['tl-session-dot signed-in', said.signedIn],
    ['tl-session-dot session-ended', said.ended],
  ] as const
  return (
    <ul className="timeline-legend" aria-label={said.label}>
      {entries.map(([className, label]) => (
        <li key={className}>
          <svg width="18" height="12" aria-hidden="true" focusable="false">
            <rect className={className} x={1} y={1} width={16} height={10} rx={2} />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  )
}
