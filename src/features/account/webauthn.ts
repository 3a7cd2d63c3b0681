/**
 * The WebAuthn library, loaded the first time a page needs it: it stays out of the first load,
 * whose budget is tight, and out of every page that never asks for a passkey.
 */
export const loadWebAuthn = () => import('@simplewebauthn/browser')
