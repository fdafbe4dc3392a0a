import path from 'node:path';
import ts from 'typescript';

/*
 * The point of typed event payloads: a change to a payload's shape in the contracts must break
 * the code that reads it. This compiles the dashboard's event readers and the GitHub notifier
 * against the real contracts (no errors) and against contracts with one payload field renamed
 * (errors in both), with each project's own compiler options.
 */

const ROOT = path.resolve(__dirname, '../../..');
const PAYLOADS = path.join(ROOT, 'libs/contracts/src/task-event-payloads.ts');

const READERS = [
  {
    name: 'the dashboard',
    tsconfig: 'apps/web/tsconfig.json',
    file: 'apps/web/src/features/tasks/types/task-event-payloads.ts',
  },
  {
    name: 'the GitHub notifier',
    tsconfig: 'tsconfig.build.json',
    file: 'libs/gateway/feature/src/github/github-task-notifier.service.ts',
  },
] as const;

/** Renames one field of one payload schema in the contracts' source text, failing loudly if the text moved. */
function renameField(schema: string, field: string, renamed: string): (source: string) => string {
  return (source) => {
    const start = source.indexOf(`export const ${schema} = z.object({`);
    const end = source.indexOf('\n});', start);
    const fieldAt = source.indexOf(`\n  ${field}: `, start);
    if (start < 0 || fieldAt < 0 || fieldAt > end)
      throw new Error(`${schema}.${field} is not where this spec looks for it; update the spec`);
    return `${source.slice(0, fieldAt)}\n  ${renamed}: ${source.slice(fieldAt + field.length + 5)}`;
  };
}

/** The type errors in `file`, compiled with `tsconfig`'s options and the contracts' payloads passed through `mutate`. */
function typeErrors(tsconfig: string, file: string, mutate: (source: string) => string = (source) => source): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, tsconfig),
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => {
    const text = readFile(name);
    return text !== undefined && path.resolve(name) === PAYLOADS ? mutate(text) : text;
  };
  const target = path.join(ROOT, file);
  const program = ts.createProgram({ rootNames: [target], options: parsed.options, host });
  const source = program.getSourceFile(target);
  if (!source) throw new Error(`${file} is not part of the program`);
  return program
    .getSemanticDiagnostics(source)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('typed task-event payloads', () => {
  it.each(READERS)('$name compiles against the contracts as they are', ({ tsconfig, file }) => {
    expect(typeErrors(tsconfig, file)).toEqual([]);
  });

  it.each(READERS)('$name stops compiling when pr_created renames url', ({ tsconfig, file }) => {
    const errors = typeErrors(tsconfig, file, renameField('prCreatedPayloadSchema', 'url', 'htmlUrl'));
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/'url'/)]));
  });

  it.each(READERS)('$name stops compiling when status_changed renames to', ({ tsconfig, file }) => {
    const errors = typeErrors(tsconfig, file, renameField('statusChangedPayloadSchema', 'to', 'status'));
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/'to'/)]));
  });
});
