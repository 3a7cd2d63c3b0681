import { ROW, ROW_HEIGHT, type LaneMarksProps } from './timeline-geometry'

/** Each access token of a lane as a bar from receipt to expiry, or to the token that replaced it. */
export function TimelineTokenBars({ lane, top, x, focusProps }: LaneMarksProps) {
  return lane.tokens.map((bar) => {
    const until = Math.min(bar.expiresAt, bar.replacedAt ?? Infinity)
    return (
      <g key={bar.id} className="timeline-item" {...focusProps(bar.id)}>
        <rect
          className={bar.source === 'network' ? 'tl-token' : 'tl-token tl-from-other'}
          x={x(bar.start)}
          y={top + ROW.token}
          // A hair of space where one token takes over from the last.
          width={Math.max(2, x(until) - x(bar.start) - (bar.replacedAt ? 1.5 : 0))}
          height={ROW_HEIGHT}
          rx={3}
        />
      </g>
    )
  })
}
