import { LANE_HEIGHT, type LaneMarksProps } from './timeline-geometry'

/** Each sign-in, sign-out and server-ended session of a lane as a line across the whole lane. */
export function TimelineSessionMarks({ lane, top, x, focusProps }: LaneMarksProps) {
  return lane.sessionMarks.map((mark) => (
    <g key={mark.id} className="timeline-item" {...focusProps(mark.id)}>
      <rect className="tl-hit" x={x(mark.at) - 5} y={top + 2} width={10} height={LANE_HEIGHT - 4} />
      <line
        className={`tl-session ${mark.kind}`}
        x1={x(mark.at)}
        x2={x(mark.at)}
        y1={top + 2}
        y2={top + LANE_HEIGHT - 2}
      />
      <circle className={`tl-session-dot ${mark.kind}`} cx={x(mark.at)} cy={top + 4} r={4} />
    </g>
  ))
}
