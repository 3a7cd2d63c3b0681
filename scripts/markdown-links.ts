/**
 * The relative links of Markdown pages and the anchors their headings get on GitHub, enough to
 * tell a broken link from a good one. Code is skipped: a path in a code block is not a link.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, extname, resolve } from 'node:path'

const FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[ \t]*$/gm
const CODE_SPAN = /(`+)[\s\S]*?\1/g
/** `](target)` of an inline link or image, with an optional title after the target. */
const INLINE_TARGET = /\]\(\s*<?([^()\s<>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g
/** `[label]: target` of a reference definition. */
const REFERENCE_TARGET = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm
const HTML_TARGET = /<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"/g
const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm
/** A scheme (`https:`, `mailto:`) or a protocol-relative address: not a file of this repository. */
const EXTERNAL = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i

/** Fenced blocks and code spans blanked out, so their text is never read as a link or heading. */
function withoutCode(markdown: string): string {
  const blank = (code: string) => code.replace(/[^\n]/g, ' ')
  return markdown.replace(FENCE, blank).replace(CODE_SPAN, blank)
}

/** Every link target of a page that is not an external address. */
export function relativeTargets(markdown: string): string[] {
  const text = withoutCode(markdown)
  return [INLINE_TARGET, REFERENCE_TARGET, HTML_TARGET]
    .flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''))
    .filter((target) => target !== '' && !EXTERNAL.test(target))
}

/** The text a heading shows: links as their text, no emphasis or code marks. */
function headingText(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1/g, '$2')
}

/**
 * GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens,
 * and `-1`, `-2`… after the first of a repeated one (the rules of github-slugger).
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  // Headings read from the page with fences blanked out, but code spans kept: they are text.
  const page = markdown.replace(FENCE, (code) => code.replace(/[^\n]/g, ' '))
  for (const [, source = ''] of page.matchAll(ATX_HEADING)) {
    const base = headingText(source)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

/**
 * What is wrong with each relative link of the page at `file`: a target that does not exist, or
 * an anchor that no heading of the target page has. Empty when every link is good.
 */
export function brokenLinks(file: string, root: string): string[] {
  const markdown = readFileSync(file, 'utf8')
  return relativeTargets(markdown).flatMap((target) => {
    const [pathPart = '', anchor] = target.split('#', 2)
    const path = decodeURIComponent(pathPart)
    const resolved =
      path === ''
        ? file
        : path.startsWith('/')
          ? resolve(root, `.${path}`)
          : resolve(dirname(file), path)
    if (!existsSync(resolved)) return [`${target}: no such file`]
    if (anchor === undefined || anchor === '' || extname(resolved).toLowerCase() !== '.md')
      return []
    const anchors = headingAnchors(readFileSync(resolved, 'utf8'))
    return anchors.has(decodeURIComponent(anchor)) ? [] : [`${target}: no heading with that anchor`]
  })
}
