import { useEffect } from 'react'
import { useI18n } from '../i18n/i18n-provider'
import type { Messages } from '../i18n/catalogues'

/**
 * Names the browser tab after the page in the page's language, e.g. "Movies · Reel".
 *
 * @example
 * useDocumentTitle((t) => t.movies.title)
 */
export function useDocumentTitle(pick: (messages: Messages) => string): void {
  const { t } = useI18n()
  const title = pick(t)
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`
  }, [title, t])
}

/** The same, for places that render elements rather than call hooks (route definitions). */
export function DocumentTitle({ pick }: { pick: (messages: Messages) => string }) {
  useDocumentTitle(pick)
  return null
}
