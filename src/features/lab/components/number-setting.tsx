import { useEffect, useId, useRef, useState } from 'react'
import { LAB_NUMBER_BOUNDS, type LabNumberSetting } from '../../../../contract/lab'
import { useLabI18n } from '../lab-i18n'

/**
 * A number input for one lab setting that sends its value when it settles: on Enter, on leaving,
 * or after a pause. Its unit and limits are the contract's.
 */
export function NumberSetting({
  setting,
  value,
  onCommit,
}: {
  setting: LabNumberSetting
  value: number
  onCommit: (value: number) => void
}) {
  const { t } = useLabI18n()
  const id = useId()
  const { unit, min, max } = LAB_NUMBER_BOUNDS[setting]
  const { label, hint } = t.lab.backend.settings[setting]
  // Null while the person is not editing: the field shows the server's value (a reset, another
  // tab), and only their own typing overrides it.
  const [draft, setDraft] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => clearTimeout(timer.current ?? undefined), [])

  function commit(text: string): void {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    const next = Number(text)
    if (text.trim() === '' || !Number.isInteger(next) || next === value) return
    onCommit(next)
  }

  return (
    <div className="lab-field">
      <label htmlFor={id}>
        {label} <span className="muted">({unit})</span>
      </label>
      <input
        id={id}
        className="lab-input"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={draft ?? String(value)}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const text = event.target.value
          setDraft(text)
          if (timer.current) clearTimeout(timer.current)
          timer.current = setTimeout(() => commit(text), 600)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(event.currentTarget.value)
        }}
        onBlur={(event) => {
          commit(event.target.value)
          setDraft(null)
        }}
      />
      <p id={`${id}-hint`} className="lab-hint">
        {hint}
      </p>
    </div>
  )
}
