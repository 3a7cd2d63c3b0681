import { useId } from 'react'

/** A whole number between `min` and `max`; anything typed outside them is pulled back in. */
export function CountField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string
  value: number
  min: number
  max: number
  onChange: (value: number) => void
}) {
  const id = useId()
  return (
    <div className="lab-inline-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="lab-input narrow"
        type="number"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(event) => {
          const next = Math.round(Number(event.target.value))
          if (Number.isFinite(next)) onChange(Math.min(max, Math.max(min, next)))
        }}
      />
    </div>
  )
}
