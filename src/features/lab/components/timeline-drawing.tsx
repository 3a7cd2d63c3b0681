import { useId, useMemo } from 'react'
import { useLabI18n } from '../lab-i18n'
import { formatClock } from '../format'
import { axisTicks, type TimelineModel } from '../timeline-model'
import {
  AXIS_HEIGHT,
  drawingHeight,
  LANE_HEIGHT,
  laneTop,
  TOP,
  timeScale,
  WIDTH,
} from './timeline-geometry'
import { describeMarks } from './timeline-mark-descriptions'
import { TimelineRefreshMarks } from './timeline-refresh-marks'
import { TimelineRequestTicks } from './timeline-request-ticks'
import { TimelineSessionMarks } from './timeline-session-marks'
import { TimelineTokenBars } from './timeline-token-bars'
import { useRovingFocus } from './use-roving-focus'

/**
 * The timeline as a picture: a time axis, one lane per tab, and in each its token bars, refresh
 * marks, request ticks and session lines. Every mark can be pointed at or reached by keyboard,
 * and what it means shows below the drawing.
 */
export function TimelineDrawing({
  model,
  labels,
}: {
  model: TimelineModel
  labels: ReadonlyMap<string, string>
}) {
  const { t, format } = useLabI18n()
  const titleId = useId()
  const descId = useId()
  const { start, end, lanes } = model
  const items = useMemo(
    () => describeMarks(lanes, { t, format, labels }),
    [lanes, t, format, labels],
  )
  const { onKeyDown, focusProps, shown } = useRovingFocus(items)
  const x = timeScale(start, end)
  const height = drawingHeight(lanes.length)

  return (
    <div className="timeline-drawing">
      <div className="timeline-scroll">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="timeline-svg"
          role="group"
          aria-labelledby={titleId}
          aria-describedby={descId}
        >
          <title id={titleId}>{t.lab.timeline.drawingTitle}</title>
          <desc id={descId}>{t.lab.timeline.drawingDescription}</desc>
          {axisTicks(start, end).map((at) => (
            <g key={at} className="timeline-axis" aria-hidden="true">
              <line x1={x(at)} x2={x(at)} y1={TOP} y2={height - AXIS_HEIGHT} />
              <text x={x(at)} y={height - 8} textAnchor="middle">
                {formatClock(at).slice(0, 8)}
              </text>
            </g>
          ))}
          <g onKeyDown={onKeyDown}>
            {lanes.map((lane, index) => {
              const top = laneTop(index)
              const marks = { lane, top, x, focusProps }
              return (
                <g
                  key={lane.tabId}
                  role="list"
                  aria-label={t.lab.timeline.lane(lane.label, lane.tabId)}
                >
                  <rect
                    className={index % 2 === 0 ? 'timeline-lane' : 'timeline-lane odd'}
                    x={0}
                    y={top}
                    width={WIDTH}
                    height={LANE_HEIGHT}
                    aria-hidden="true"
                  />
                  <text className="timeline-lane-label" x={8} y={top + 22} aria-hidden="true">
                    {lane.label}
                  </text>
                  <text className="timeline-lane-id" x={8} y={top + 40} aria-hidden="true">
                    {lane.tabId.slice(0, 6)}
                  </text>
                  <TimelineTokenBars {...marks} />
                  <TimelineRefreshMarks {...marks} end={end} />
                  <TimelineRequestTicks {...marks} />
                  <TimelineSessionMarks {...marks} />
                </g>
              )
            })}
          </g>
        </svg>
      </div>
      <p className="timeline-detail">
        {shown ? shown.description : items.length > 0 ? t.lab.timeline.detailHint : ' '}
      </p>
    </div>
  )
}
