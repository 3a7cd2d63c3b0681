import { ROW, ROW_HEIGHT, type LaneMarksProps } from './timeline-geometry'

/**
 * Each refresh of a lane as a box from start to answer: filled when the lane's own call, hollow
 * when another tab's served it, with ×N for the requests that waited.
 */
export function TimelineRefreshMarks({
  lane,
  top,
  x,
  end,
  focusProps,
}: LaneMarksProps & {
  /** The drawing's right edge, where a refresh still in flight reaches. */
  end: number
}) {
  return lane.refreshes.map((mark) => {
    const left = x(mark.start)
    // Wide enough to tell a filled mark (its own call) from a hollow one.
    const width = Math.max(10, x(mark.end ?? end) - left)
    const led = mark.leaderTabId === lane.tabId
    return (
      <g key={mark.id} className="timeline-item" {...focusProps(mark.id)}>
        <rect
          className={`tl-refresh ${mark.outcome} ${led ? 'led' : 'followed'}`}
          x={left}
          y={top + ROW.refresh}
          width={width}
          height={ROW_HEIGHT}
          rx={2}
        />
        {mark.waiting > 0 && (
          <text
            className="tl-refresh-count"
            x={left + width + 3}
            y={top + ROW.refresh + 11}
            aria-hidden="true"
          >
            ×{mark.waiting}
          </text>
        )}
      </g>
    )
  })
}
