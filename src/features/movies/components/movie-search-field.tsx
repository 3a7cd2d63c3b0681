import { useEffect, useEffectEvent, useState, type FormEvent } from 'react'
import { useI18n } from '../../../i18n/i18n-provider'
import '../movies.css'

const SEARCH_DEBOUNCE_MS = 300

interface MovieSearchFieldProps {
  /** The search in effect (from the address). */
  query: string
  /** Called once typing pauses, or at once on Enter. */
  onSearch: (query: string) => void
}

/** A search box that searches as you type, without a request per keystroke. */
export function MovieSearchField({ query, onSearch }: MovieSearchFieldProps) {
  const { t } = useI18n()
  const [draft, setDraft] = useState(query)
  const [committed, setCommitted] = useState(query)

  // The address moved without us (back, forward, a link): show what it now says.
  if (query !== committed) {
    setCommitted(query)
    setDraft(query)
  }

  // Recording what was sent first keeps the address's echo of it from being mistaken for a move.
  const commit = useEffectEvent((value: string) => {
    setCommitted(value)
    onSearch(value)
  })

  useEffect(() => {
    if (draft === committed) return
    const timer = setTimeout(() => commit(draft), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [draft, committed])

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (draft !== committed) {
      setCommitted(draft)
      onSearch(draft)
    }
  }

  return (
    <form role="search" className="search-form" onSubmit={submit}>
      <label className="field">
        <span>{t.movies.search}</span>
        <input
          type="search"
          name="query"
          autoComplete="off"
          spellCheck={false}
          maxLength={128}
          placeholder={t.movies.searchPlaceholder}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
    </form>
  )
}
