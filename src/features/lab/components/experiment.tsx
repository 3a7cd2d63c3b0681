import type { ReactNode } from 'react'

/** One experiment's card: its title, what it does, its controls, its error and its results. */
export function Experiment({
  id,
  title,
  hint,
  actions,
  error,
  children,
}: {
  id: string
  title: string
  hint: ReactNode
  actions: ReactNode
  error: string | null
  /** The results, announced as they arrive. */
  children: ReactNode
}) {
  return (
    <article className="lab-experiment" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className="lab-hint">{hint}</p>
      <div className="lab-actions">{actions}</div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div aria-live="polite">{children}</div>
    </article>
  )
}
