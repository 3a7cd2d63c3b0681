import type { ReactNode } from 'react'
import { useLabI18n } from '../lab-i18n'

export interface ResultRow {
  label: string
  actual: ReactNode
  ideal: ReactNode
  /** Null when there is nothing to judge. */
  ok: boolean | null
}

/** An experiment's numbers beside the ideal ones, each marked as ideal or not. */
export function ResultTable({ caption, rows }: { caption: string; rows: ResultRow[] }) {
  const { t, format } = useLabI18n()
  const said = t.lab.experiments
  const shown = (value: ReactNode) => (typeof value === 'number' ? format.number(value) : value)
  return (
    <table className="lab-result">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{said.measure}</th>
          <th scope="col">{said.thisRun}</th>
          <th scope="col">{said.ideal}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} data-ok={row.ok ?? undefined}>
            <th scope="row">{row.label}</th>
            <td className="numeric">
              {shown(row.actual)}
              {row.ok !== null && (
                <span className={row.ok ? 'verdict ok' : 'verdict off'}>
                  {row.ok ? ' ✓' : ' ✗'}
                  <span className="visually-hidden">{row.ok ? said.asIdeal : said.notIdeal}</span>
                </span>
              )}
            </td>
            <td className="numeric">{shown(row.ideal)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
