import { extname } from 'node:path';
import type { FileAdditions } from './added-lines.parser';
import { findingMessage } from './finding-message';
import { fingerprintSecret } from './secret-fingerprint';
import type { SecretFinding } from './secret-finding';

type SecretlintCore = typeof import('@secretlint/core');
type SecretlintPreset = typeof import('@secretlint/secretlint-rule-preset-recommend');
type LintOptions = Parameters<SecretlintCore['lintSource']>[0]['options'];
type LintMessage = Awaited<ReturnType<SecretlintCore['lintSource']>>['messages'][number];

interface SecretlintProfiler {
  mark: (marker: unknown) => void;
}

interface SecretlintEngine {
  readonly lintSource: SecretlintCore['lintSource'];
  readonly options: LintOptions;
}

const FILTER_COMMENTS_RULE_ID = '@secretlint/secretlint-rule-filter-comments';

const RULE_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = {
  // The AWS rule reports only secret access keys by default; an access key id on its own is
  // enough to abort publishing.
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};

let engine: SecretlintEngine | undefined;

/**
 * Both secretlint packages ship ES modules only. Node ≥ 20.19 (package.json `engines`) loads them
 * with require(); Jest's CommonJS runtime would route a plain import through its own loader, which
 * does not transpile node_modules (see ESM_ONLY_PACKAGES in jest.config.js). Node's own require,
 * reached through `process.getBuiltinModule`, gives tests and production the same loading path.
 */
function loadEngine(): SecretlintEngine {
  if (engine) return engine;
  const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);
  const core = nodeRequire('@secretlint/core') as SecretlintCore;
  const preset = nodeRequire('@secretlint/secretlint-rule-preset-recommend') as SecretlintPreset;

  // secretlint's profiler writes ~56 performance marks per scanned source into Node's global
  // timeline and its own array and never clears them: a long-running supervisor would grow without
  // bound. We do not use its profile output, so marking is switched off on the instance core uses.
  const coreRequire = process.getBuiltinModule('node:module').createRequire(nodeRequire.resolve('@secretlint/core'));
  const { secretLintProfiler } = coreRequire('@secretlint/profiler') as { secretLintProfiler: SecretlintProfiler };
  secretLintProfiler.mark = () => undefined;

  engine = {
    lintSource: core.lintSource,
    options: {
      locale: 'en',
      // The synthetic source holds only added lines, not a file on disk.
      noPhysicFilePath: true,
      config: {
        // The preset's rules are registered one by one: secretlint honours `disabled` only for
        // top-level rules, and the comment filter below must not run.
        rules: preset.rules
          // `secretlint-disable` comments are written by whoever wrote the diff — here the coding
          // agent — so honouring them would let the scanned text switch the scanner off.
          .filter((rule) => rule.meta.id !== FILTER_COMMENTS_RULE_ID)
          .map((rule) => ({ id: rule.meta.id, rule, options: RULE_OPTIONS[rule.meta.id] })),
      },
    },
  };
  return engine;
}

/**
 * Runs secretlint's recommended preset over the lines one file gains. The lines are joined in diff
 * order, so a private key block added in one piece is seen whole; each reported line is mapped
 * back to its number in the new file.
 */
export async function scanWithSecretlint(file: FileAdditions): Promise<SecretFinding[]> {
  const { lintSource, options } = loadEngine();
  // A leading BOM would be stripped by secretlint and shift its ranges against our content.
  const content = file.lines
    .map(({ text }) => text)
    .join('\n')
    .replace(/^\uFEFF/, '');
  const ext = extname(file.path);
  const result = await lintSource({
    source: {
      content,
      filePath: file.path,
      // The GCP rule reads `.p12` files from disk by this path; a diff is never that file.
      ext: ext === '.p12' ? '' : ext,
      contentType: 'text',
    },
    options,
  });

  return result.messages.map((message) => {
    const line = file.lines[message.loc.start.line - 1]?.line ?? file.lines[0].line;
    return {
      ruleId: message.ruleId,
      file: file.path,
      line,
      message: findingMessage(message.ruleId, message.messageId, file.path, line),
      fingerprint: fingerprintSecret(message.ruleId, file.path, matchedSecret(message, content)),
    };
  });
}

/**
 * The reported secret. Rules pass it in `data` (KEY, TOKEN, ID, …); the range is a fallback only
 * because some rules (the AWS secret access key) report the range of the whole assignment.
 */
function matchedSecret(message: LintMessage, content: string): string {
  const values = Object.values(message.data ?? {}).filter(
    (value): value is string => typeof value === 'string' && value.length > 0 && content.includes(value),
  );
  if (values.length > 0) return values.reduce((longest, value) => (value.length > longest.length ? value : longest));
  return content.slice(message.range[0], message.range[1]);
}
