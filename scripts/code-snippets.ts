import ts from 'typescript'

/** The TypeScript and TSX blocks of a Markdown page, in order. */
export function codeSnippets(markdown: string): string[] {
  return [...markdown.matchAll(/^```tsx?\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '')
}

/**
 * The type errors of `snippets` read as one module at `file` beside the project's own code, with
 * the project's compiler options: a page's examples are read top to bottom, each using what the
 * ones before it made. Unused names are allowed; an example shows a call, not a whole program.
 */
export function snippetErrors(
  snippets: readonly string[],
  file: string,
  options: ts.CompilerOptions,
): string[] {
  const text = snippets.join('\n')
  const checked = { ...options, noUnusedLocals: false, noUnusedParameters: false }
  const host = ts.createCompilerHost(checked)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (name) => name === file || fileExists.call(host, name)
  host.readFile = (name) => (name === file ? text : readFile.call(host, name))
  host.getSourceFile = (name, language, ...rest) =>
    name === file
      ? ts.createSourceFile(name, text, language, true, ts.ScriptKind.TSX)
      : getSourceFile.call(host, name, language, ...rest)
  const program = ts.createProgram([file], checked, host)
  const source = program.getSourceFile(file)
  return [
    ...program.getSyntacticDiagnostics(source),
    ...program.getSemanticDiagnostics(source),
  ].map((diagnostic) => {
    const { line } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? {}
    const where = line === undefined ? '' : `line ${line + 1}: `
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  })
}

/** The compiler options of the tsconfig.json in `root`. */
export function projectOptions(root: string): ts.CompilerOptions {
  const path = ts.findConfigFile(root, ts.sys.fileExists)
  if (!path) throw new Error(`no tsconfig.json in ${root}`)
  const { config } = ts.readConfigFile(path, ts.sys.readFile)
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options
}
