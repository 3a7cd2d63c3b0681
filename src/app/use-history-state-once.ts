import { useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'

const keepNothing = () => null

/**
 * What this page was opened with in history state, taken once. The browser keeps an entry's
 * state across a reload and a return by Back or Forward, so news carried there would be told
 * again each time: as soon as it is read, the entry keeps only what `keep` leaves of its state
 * (nothing, unless asked), and the page keeps what it read for as long as it stays open.
 *
 * @example
 * const linkOutcome = useHistoryStateOnce(readLinkOutcome)
 */
export function useHistoryStateOnce<Value>(
  read: (state: unknown) => Value | null,
  keep: (state: unknown) => unknown = keepNothing,
): Value | null {
  const location = useLocation()
  const navigate = useNavigate()
  const [taken] = useState(() => read(location.state))
  const entryStillHolds = read(location.state) !== null
  useEffect(() => {
    if (entryStillHolds) void navigate(location, { replace: true, state: keep(location.state) })
  }, [entryStillHolds, keep, location, navigate])
  return taken
}
