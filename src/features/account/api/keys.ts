/** The account page's query keys, one tree so a change can refresh what it touched. */
export const accountKeys = {
  all: ['account'] as const,
  me: () => [...accountKeys.all, 'me'] as const,
  passkeys: () => [...accountKeys.all, 'passkeys'] as const,
}
