/** A titled table of strings: printed to the terminal, and drawn into the docs by `npm run figures`. */
export interface Table {
  title: string
  headers: string[]
  rows: string[][]
  /** Lines printed under the table: definitions, and which goals the figures miss. */
  notes?: string[]
}

/** GitHub-flavoured Markdown, padded so it also reads as plain text in a terminal. */
export function renderTable(table: Table): string {
  const widths = table.headers.map((header, column) =>
    Math.max(3, header.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`
  const notes = (table.notes ?? []).map((note) => `\n${note}`).join('\n')
  return [`### ${table.title}`, '', line(table.headers), rule, ...table.rows.map(line)]
    .join('\n')
    .concat(notes ? `\n${notes}` : '')
}
