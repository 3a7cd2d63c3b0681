import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACCOUNT_CATALOGUES } from '../features/account/account-i18n'
import { LAB_CATALOGUES } from '../features/lab/lab-i18n'
import { CATALOGUES as CORE } from './catalogues'
import { LOCALES } from './locale'

type Tree = { readonly [key: string]: unknown }

/**
 * The app's catalogue with the sections that load with their pages (the lab's, the account
 * page's): the whole of what `t` can be.
 */
const CATALOGUES = {
  en: { ...CORE.en, lab: LAB_CATALOGUES.en, accountPage: ACCOUNT_CATALOGUES.en },
  ko: { ...CORE.ko, lab: LAB_CATALOGUES.ko, accountPage: ACCOUNT_CATALOGUES.ko },
}

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every leaf of a catalogue as a dotted path: "signIn.submit", "duration.minutes". */
function leafPaths(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    isTree(value) ? leafPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

/** Whether a path used in code names something in the catalogue (a leaf, or a group of them). */
function resolves(tree: Tree, path: string): boolean {
  let node: unknown = tree
  for (const key of path.split('.')) {
    if (!isTree(node)) return true // Past a leaf: a string's or a function's own member.
    if (!Object.hasOwn(node, key)) return false
    node = node[key]
  }
  return true
}

const SOURCE_ROOT = join(import.meta.dirname, '..')

/** The app's source files, without tests and without the catalogues themselves. */
const sourceFiles = (): string[] =>
  readdirSync(SOURCE_ROOT, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .filter((file) => !/(^|\/)messages\//.test(file))

/** `t.x.y` and `messages.x.y` in code: the two names the catalogue goes by. */
const USE = /\b(?:t|messages)\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g

describe('the catalogues', () => {
  it('have the same keys in every language', () => {
    const english = leafPaths(CATALOGUES.en).sort()
    for (const locale of LOCALES) {
      expect(leafPaths(CATALOGUES[locale]).sort(), locale).toEqual(english)
    }
  })

  it('have the same kind of entry under each key: a text, or a function of the same arity', () => {
    const shape = (tree: Tree) =>
      leafPaths(tree).map((path) => {
        const value = path.split('.').reduce<unknown>((node, key) => (node as Tree)[key], tree)
        return `${path}:${typeof value === 'function' ? `fn${value.length}` : typeof value}`
      })
    for (const locale of LOCALES) {
      expect(shape(CATALOGUES[locale]).sort(), locale).toEqual(shape(CATALOGUES.en).sort())
    }
  })

  it('leave no entry empty', () => {
    for (const locale of LOCALES) {
      const tree = CATALOGUES[locale]
      const empty = leafPaths(tree).filter((path) => {
        const value = path.split('.').reduce<unknown>((node, key) => (node as Tree)[key], tree)
        return value === ''
      })
      expect(empty, locale).toEqual([])
    }
  })

  it('hold every key the source code uses, in every language', () => {
    const uses = sourceFiles().flatMap((file) =>
      [...readFileSync(join(SOURCE_ROOT, file), 'utf8').matchAll(USE)].map(([, path = '']) => ({
        file,
        path,
      })),
    )
    expect(uses.length).toBeGreaterThan(100)
    for (const locale of LOCALES) {
      const missing = uses.filter(({ path }) => !resolves(CATALOGUES[locale], path))
      expect(missing, locale).toEqual([])
    }
  })
})
