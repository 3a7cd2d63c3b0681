import type { AuthEvent } from '../../auth'

/** Saves the events as a JSON file, with a note on what they are (they carry no tokens). */
export function downloadEvents(events: readonly AuthEvent[], note: string): void {
  const body = JSON.stringify({ exportedAt: new Date().toISOString(), note, events }, null, 2)
  const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `reel-auth-events-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
  link.click()
  // The download has started by the next task; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
