import type { Lane } from '../timeline-model'
import type { FocusProps } from './use-roving-focus'

/** The drawing's fixed layout, in SVG units: one lane per tab, three rows of marks in each. */
export const WIDTH = 960
export const LABEL_WIDTH = 104
const RIGHT_PAD = 12
export const LANE_HEIGHT = 76
export const TOP = 6
export const AXIS_HEIGHT = 24
export const ROW = { token: 8, refresh: 30, request: 52 } as const
export const ROW_HEIGHT = 14

/** Where a moment falls across the plot; moments outside the span stick to its edges. */
export type TimeScale = (at: number) => number

export function timeScale(start: number, end: number): TimeScale {
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PAD
  return (at) =>
    LABEL_WIDTH + (Math.min(Math.max(at, start), end) - start) * (plotWidth / (end - start))
}

/** The top edge of the lane at `index`. */
export const laneTop = (index: number): number => TOP + index * LANE_HEIGHT

export const drawingHeight = (lanes: number): number => TOP + lanes * LANE_HEIGHT + AXIS_HEIGHT

/** What each kind of mark needs to draw one lane's marks. */
export interface LaneMarksProps {
  lane: Lane
  top: number
  x: TimeScale
  focusProps: FocusProps
}
