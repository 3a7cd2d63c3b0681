import { HttpResponse } from 'msw'
import type { SocialProvider } from '../../contract/providers.ts'
import type { ProviderAccount } from './seed.ts'

/**
 * The mock providers' HTML pages: a consent page that looks like each provider's own, and an
 * error page for a request that must not be redirected anywhere, in English or Korean as the
 * browser asks. No script runs on them; the one style sheet is allowed by its hash, so the
 * Content-Security-Policy can forbid everything else.
 */

export type PageLanguage = 'en' | 'ko'

/**
 * The language a page is served in: a `lang` query parameter when it names one, else the first
 * of the browser's `Accept-Language` that is English or Korean (any `ko*` is Korean), else English.
 */
export function pageLanguage(request: Request): PageLanguage {
  const asked = new URL(request.url).searchParams.get('lang')
  if (asked === 'en' || asked === 'ko') return asked
  const accepted = (request.headers.get('Accept-Language') ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.find((param) => param.trim().startsWith('q='))
      return { primary: tag.toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 }
    })
    .filter(({ q }) => Number.isFinite(q) && q > 0)
    .sort((a, b) => b.q - a.q)
  const first = accepted.find(({ primary }) => primary === 'en' || primary === 'ko')
  return first?.primary === 'ko' ? 'ko' : 'en'
}

interface Brand {
  /** Inline SVG of the provider's mark (a logo: no contrast rule applies to it). */
  logo: string
  /** The provider's name as its logotype draws it, and that drawing's width at 24 px high. */
  wordmark: { text: string; width: number; color: string; weight: number }
  /** How this provider names the sign-in: "Sign in with Google", "카카오계정으로 로그인". */
  signIn: Text
}

/** A line in each language the pages speak. */
type Text = Record<PageLanguage, string>

const GOOGLE_LOGO = `<svg class="logo" viewBox="0 0 48 48" aria-hidden="true" focusable="false"><path fill="#EA4335" d="M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z"/><path fill="#4285F4" d="M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z"/><path fill="#FBBC05" d="M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z"/><path fill="#34A853" d="M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z"/></svg>`
const KAKAO_LOGO = `<svg class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="#000" d="M12 3C6.48 3 2 6.54 2 10.9c0 2.8 1.86 5.27 4.66 6.67l-1.18 4.33c-.1.38.33.68.66.46l5.16-3.42c.23.02.46.03.7.03 5.52 0 10-3.54 10-7.9S17.52 3 12 3z"/></svg>`
const NAVER_LOGO = `<svg class="logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="#fff" d="M16.27 12.85 7.38 0H0v24h7.73V11.16L16.62 24H24V0h-7.73z"/></svg>`

const BRANDS: Record<SocialProvider, Brand> = {
  google: {
    logo: GOOGLE_LOGO,
    wordmark: { text: 'Google', width: 68, color: '#444746', weight: 500 },
    signIn: { ko: 'Google 계정으로 로그인', en: 'Sign in with Google' },
  },
  kakao: {
    logo: KAKAO_LOGO,
    wordmark: { text: 'kakao', width: 56, color: '#191919', weight: 800 },
    signIn: { ko: '카카오계정으로 로그인', en: 'Sign in with Kakao Account' },
  },
  naver: {
    logo: NAVER_LOGO,
    wordmark: { text: 'NAVER', width: 74, color: '#ffffff', weight: 900 },
    signIn: { ko: '네이버 아이디로 로그인', en: 'Sign in with NAVER ID' },
  },
}

export const CONSENT_PAGE_STYLE = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Apple SD Gothic Neo','Noto Sans KR',sans-serif;line-height:1.5;color:#1f1f1f;background:#f1f3f4}
body{margin:0;min-height:100vh}
.bar{display:flex;align-items:center;gap:.6rem;padding:.85rem 1.25rem;background:#fff;border-bottom:1px solid #dadce0}
.logo{width:1.6rem;height:1.6rem;flex:none}
.wordmark{font-weight:700;font-size:1.2rem;flex:none}
.mock{margin-left:auto;font-size:.75rem;padding:.15rem .55rem;border-radius:999px;background:#fff;color:#3c4043;border:1px solid #80868b}
main{width:min(100% - 2rem,28rem);margin:2rem auto;padding:1.75rem;background:#fff;border:1px solid #dadce0;border-radius:16px}
h1{font-size:1.45rem;line-height:1.3;margin:0 0 .35rem;font-weight:600}
h2{font-size:1rem;margin:0 0 .5rem}
.lead{margin:0 0 1.25rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem;padding:0}
.account{display:flex;align-items:center;gap:.75rem;padding:.7rem .8rem;border:1px solid #dadce0;border-radius:10px;margin-top:.5rem;cursor:pointer}
.account:has(input:checked){border-color:#1f1f1f;box-shadow:inset 0 0 0 1px #1f1f1f}
.account input{width:1.1rem;height:1.1rem;margin:0;accent-color:#1f1f1f;flex:none}
.avatar{width:2.2rem;height:2.2rem;border-radius:50%;display:grid;place-items:center;font-weight:700;color:#fff;background:#5f6368;flex:none}
.who{display:grid;min-width:0}
.name{font-weight:600}
.email{font-size:.88rem;color:#444746;overflow-wrap:anywhere}
.scopes{padding:1rem;border-radius:10px;background:#f8f9fa;margin-bottom:1.25rem}
.scopes ul{margin:0;padding-left:1.2rem}
.scopes li+li{margin-top:.35rem}
.actions{display:flex;gap:.75rem;justify-content:flex-end;flex-wrap:wrap}
button{font:inherit;font-weight:600;min-height:2.75rem;padding:.55rem 1.25rem;border-radius:8px;border:1px solid transparent;cursor:pointer;line-height:1.25}
button.secondary{background:#fff;color:#1f1f1f;border-color:#747775}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.fineprint{margin:1.25rem 0 0;font-size:.8rem;color:#5f6368}
@media (max-width:30rem){main{padding:1.25rem;margin-top:1rem}.account{padding:.6rem}}
code{font-size:.9em;background:#f1f3f4;padding:.1rem .35rem;border-radius:4px}
.google .primary{background:#0b57d0;color:#fff;border-radius:999px}
.google button.secondary{color:#0b57d0;border-color:transparent;border-radius:999px}
.google .avatar{background:#0b57d0}
.kakao .bar{background:#fee500;border-bottom-color:#e6cf00}
.kakao .primary{background:#fee500;color:#191919}
.kakao .avatar{background:#3c1e1e}
.kakao button.secondary{background:#f2f2f2;border-color:#f2f2f2}
.naver .bar{background:#03c75a;border-bottom-color:#02b351}
.naver .primary{background:#00873f;color:#fff;border-radius:6px}
.naver .avatar{background:#00873f}
.naver button.secondary{border-radius:6px}
`

/** `'sha256-…'` of the style sheet, the only thing the pages' CSP allows. */
const styleHash: Promise<string> = crypto.subtle
  .digest('SHA-256', new TextEncoder().encode(CONSENT_PAGE_STYLE))
  .then((digest) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Every value that reaches the HTML goes through this; none of it is trusted markup. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

/**
 * `formTarget` is where the page's form may end up besides this origin: the consent form's answer
 * redirects to the app's callback, and Chromium holds that redirect to `form-action` too.
 */
async function htmlResponse(
  status: number,
  body: string,
  formTarget?: string,
): Promise<HttpResponse<string>> {
  const formAction = ["'self'", ...(formTarget ? [formTarget] : [])].join(' ')
  return new HttpResponse(body, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src ${await styleHash}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  })
}

function page(
  provider: SocialProvider | null,
  lang: PageLanguage,
  title: Text,
  content: string,
): string {
  const brand = provider ? BRANDS[provider] : null
  // The name is drawn as the logotype it is (an image, named for assistive technology), so it can
  // keep the brand's colours: WCAG sets no contrast minimum for logotypes.
  const header = brand
    ? `${brand.logo}<svg class="wordmark" role="img" aria-label="${brand.wordmark.text}" viewBox="0 0 ${brand.wordmark.width} 24" width="${brand.wordmark.width}" height="24"><text x="0" y="19" font-size="20" font-weight="${brand.wordmark.weight}" fill="${brand.wordmark.color}" textLength="${brand.wordmark.width}" lengthAdjust="spacingAndGlyphs">${brand.wordmark.text}</text></svg>`
    : `<span class="wordmark">${escapeHtml({ ko: '로그인', en: 'Sign-in' }[lang])}</span>`
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title[lang])}</title>
<style>${CONSENT_PAGE_STYLE}</style>
</head>
<body class="${provider ?? 'neutral'}">
<header class="bar">${header}<span class="mock">${escapeHtml({ ko: '모의 제공자', en: 'Mock provider' }[lang])}</span></header>
<main>
${content}
</main>
</body>
</html>
`
}

export interface ConsentPage {
  provider: SocialProvider
  lang: PageLanguage
  clientName: string
  requestId: string
  accounts: readonly ProviderAccount[]
  /** The registered redirect URI the answer goes back to. */
  redirectUri: string
}

/** The provider's sign-in and consent page: pick an account, then agree or cancel. */
export function consentPage({
  provider,
  lang,
  clientName,
  requestId,
  accounts,
  redirectUri,
}: ConsentPage): Promise<HttpResponse<string>> {
  const { signIn } = BRANDS[provider]
  const t = (line: Text) => escapeHtml(line[lang])
  const app = `<strong>${escapeHtml(clientName)}</strong>`
  const choices = accounts
    .map(
      (account, index) => `<label class="account">
<input type="radio" name="account" value="${escapeHtml(account.subject)}"${index === 0 ? ' checked' : ''}>
<span class="avatar" aria-hidden="true">${escapeHtml(Array.from(account.name)[0] ?? '?')}</span>
<span class="who"><span class="name">${escapeHtml(account.name)}</span><span class="email">${escapeHtml(account.email)}</span></span>
</label>`,
    )
    .join('\n')
  const content = `<h1>${t(signIn)}</h1>
<p class="lead">${
    lang === 'ko'
      ? `${app} 서비스를 이용하려면 계정을 선택하세요.`
      : `Choose an account to continue to ${app}.`
  }</p>
<form method="post" action="/api/oauth/${provider}/consent">
<input type="hidden" name="request" value="${escapeHtml(requestId)}">
<fieldset>
<legend>${t({ ko: '계정 선택', en: 'Choose an account' })}</legend>
${choices}
</fieldset>
<section class="scopes" aria-labelledby="scopes-heading">
<h2 id="scopes-heading">${lang === 'ko' ? `${app}에 제공할 정보` : `${app} will receive`}</h2>
<ul>
<li>${t({ ko: '프로필 정보 (이름)', en: 'Your profile (name)' })}</li>
<li>${t({ ko: '이메일 주소', en: 'Your email address' })}</li>
</ul>
</section>
<div class="actions">
<button type="submit" name="decision" value="deny" class="secondary" formnovalidate>${t({ ko: '취소', en: 'Cancel' })}</button>
<button type="submit" name="decision" value="allow" class="primary">${t({ ko: '동의하고 계속하기', en: 'Agree and continue' })}</button>
</div>
</form>
<p class="fineprint">${t({
    ko: '데모용 모의 로그인입니다. 실제 계정은 사용되지 않습니다.',
    en: 'A mock sign-in for the Reel demo. No real account is used.',
  })}</p>`
  return htmlResponse(200, page(provider, lang, signIn, content), new URL(redirectUri).origin)
}

/** What a person is told about a refused request; the developer's detail follows in English. */
const REFUSALS: Record<'unknown_provider' | 'expired' | 'unknown_account' | 'bad_request', Text> = {
  unknown_provider: {
    ko: '이런 로그인 서비스는 없습니다.',
    en: 'There is no such sign-in provider.',
  },
  expired: {
    ko: '만료되었거나 이미 답한 로그인 요청입니다. 앱으로 돌아가 처음부터 다시 시작하세요.',
    en: 'This sign-in request has expired or was already answered. Go back to the app and start again.',
  },
  unknown_account: { ko: '이 계정을 찾을 수 없습니다.', en: 'No such account here.' },
  bad_request: {
    ko: '앱이 보낸 로그인 요청이 올바르지 않습니다. 앱으로 돌아가 다시 시도하세요.',
    en: 'The app sent a sign-in request this provider cannot accept. Go back to the app and try again.',
  },
}

export type Refusal = keyof typeof REFUSALS

/**
 * A refusal shown to the person, never sent to the redirect URI: when the client or redirect URI
 * cannot be trusted, redirecting there would hand an error (or worse) to an unknown site.
 */
export function errorPage(
  provider: SocialProvider | null,
  lang: PageLanguage,
  status: number,
  refusal: { reason: Refusal; error: string; detail?: string },
): Promise<HttpResponse<string>> {
  const title: Text = { ko: '요청을 처리할 수 없습니다', en: 'This sign-in request was refused' }
  const detail = refusal.detail ? ` <span lang="en">${escapeHtml(refusal.detail)}</span>` : ''
  const content = `<h1>${escapeHtml(title[lang])}</h1>
<p>${escapeHtml(REFUSALS[refusal.reason][lang])}</p>
<p class="fineprint">${lang === 'ko' ? '오류' : 'Error'}: <code>${escapeHtml(refusal.error)}</code>${detail}</p>`
  return htmlResponse(status, page(provider, lang, title, content))
}
