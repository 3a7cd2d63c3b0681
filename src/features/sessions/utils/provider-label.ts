const LABELS: Readonly<Record<string, string>> = {
  password: 'Password',
  google: 'Google',
  kakao: 'Kakao',
  naver: 'Naver',
}

/** How a session was signed in to, as a person would say it. */
export function providerLabel(provider: string): string {
  return LABELS[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1)
}
