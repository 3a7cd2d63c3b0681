/**
 * A value made the first time it is asked for. Intl objects load their language's data when
 * built: made at start-up for every catalogue, they cost the first paint for text the page may
 * never show (a slowed-down phone spends tens of milliseconds on them).
 */
export function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined
  return () => (value ??= make())
}
