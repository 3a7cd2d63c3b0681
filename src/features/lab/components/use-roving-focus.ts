import { useRef, useState, type KeyboardEvent } from 'react'

/** Something a person can point at or tab to, with what to say about it. */
export interface FocusItem {
  id: string
  description: string
}

/** What each focusable mark spreads onto its element. */
export type FocusProps = (id: string) => {
  tabIndex: number
  role: 'listitem'
  'aria-label': string | undefined
  ref: (node: SVGGElement | null) => void
  onFocus: () => void
  onBlur: () => void
  onPointerEnter: () => void
  onPointerLeave: () => void
}

const MOVES: Readonly<Record<string, (index: number, last: number) => number>> = {
  ArrowRight: (index) => index + 1,
  ArrowDown: (index) => index + 1,
  ArrowLeft: (index) => index - 1,
  ArrowUp: (index) => index - 1,
  Home: () => 0,
  End: (_, last) => last,
}

/**
 * One tab stop for a group of marks (the last one focused, or the last in order) and arrow keys
 * to walk them in the order given; `shown` is the item pointed at or focused, to describe.
 */
export function useRovingFocus(items: readonly FocusItem[]) {
  const [activeId, setActiveId] = useState<string | null>(null)
  const [pointed, setPointed] = useState<FocusItem | null>(null)
  const [focused, setFocused] = useState<FocusItem | null>(null)
  const nodes = useRef(new Map<string, SVGGElement>())

  const byId = new Map(items.map((item) => [item.id, item]))
  const tabStop = activeId && byId.has(activeId) ? activeId : (items[items.length - 1]?.id ?? null)

  function onKeyDown(event: KeyboardEvent<SVGGElement>): void {
    const move = MOVES[event.key]
    if (!move) return
    event.preventDefault()
    const last = items.length - 1
    const target = move(
      items.findIndex((item) => item.id === tabStop),
      last,
    )
    const next = items[Math.min(Math.max(target, 0), last)]
    if (!next) return
    setActiveId(next.id)
    nodes.current.get(next.id)?.focus()
  }

  const focusProps: FocusProps = (id) => {
    const item = byId.get(id) ?? null
    return {
      tabIndex: id === tabStop ? 0 : -1,
      role: 'listitem',
      'aria-label': item?.description,
      ref: (node) => {
        if (node) nodes.current.set(id, node)
        else nodes.current.delete(id)
      },
      onFocus: () => {
        setActiveId(id)
        setFocused(item)
      },
      onBlur: () => setFocused(null),
      onPointerEnter: () => setPointed(item),
      onPointerLeave: () => setPointed(null),
    }
  }

  return { onKeyDown, focusProps, shown: pointed ?? focused }
}
