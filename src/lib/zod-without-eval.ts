import * as z from 'zod/mini'

/**
 * Zod compiles object schemas with `new Function` when it can, and finds out whether it can by
 * trying: under the app's Content-Security-Policy (no 'unsafe-eval') each try is a reported
 * violation. The flag is read as each schema is built, so main.tsx imports this module first and the build puts it in the same chunk as zod.
 */
z.config({ jitless: true })
