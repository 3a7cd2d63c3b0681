import { ROW, ROW_HEIGHT, type LaneMarksProps } from './timeline-geometry'

/** Each finished request of a lane as a thin tick coloured by outcome, with a wider hit area. */
export function TimelineRequestTicks({ lane, top, x, focusProps }: LaneMarksProps) {
  return lane.requests.map((tick) => (
    <g key={tick.id} className="timeline-item" {...focusProps(tick.id)}>
      <rect
        className="tl-hit"
        x={x(tick.at) - 4}
        y={top + ROW.request - 2}
        width={8}
        height={ROW_HEIGHT + 4}
      />
      <rect
        className={`tl-request ${tick.outcome}`}
        x={x(tick.at) - 1}
        y={top + ROW.request}
        width={2.5}
        height={ROW_HEIGHT}
      />
    </g>
  ))
}
