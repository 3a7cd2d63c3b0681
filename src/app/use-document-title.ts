import { useEffect } from 'react'

/** Names the browser tab after the page, e.g. "Movies · Reel". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Reel`
  }, [title])
}

/** The same, for places that render elements rather than call hooks (route definitions). */
export function DocumentTitle({ title }: { title: string }) {
  useDocumentTitle(title)
  return null
}
