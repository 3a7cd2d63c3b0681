import { Fragment, type ReactNode } from 'react'

/**
 * A catalogue text with `{name}` slots filled by elements, so that each language puts the code
 * or link where its own word order wants it.
 *
 * @example
 * <Fill text={t.lab.jwt.tamper.hint} values={{ endpoint: <code>GET /api/me</code> }} />
 */
export function Fill({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  return text
    .split(/\{(\w+)\}/)
    .map((part, index) => (
      <Fragment key={index}>{index % 2 === 1 ? (values[part] ?? `{${part}}`) : part}</Fragment>
    ))
}
