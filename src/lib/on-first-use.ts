/**
 * A value made the first time it is asked for. Some cost time to build and may never be needed:
 * Intl objects load their language's data (made at start-up for every catalogue, they cost the
 * first paint for text the page may never show; a slowed-down phone spends tens of milliseconds
 * on them), and a zod schema builds its parser.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined
  return () => (value ??= make())
}
