/**
 * The one block `npm start` prints once it listens: where to go, how to sign in, which model
 * works the tasks and whether sandboxes can run — what a newcomer needs, in one place, instead
 * of scattered among the start-up lines.
 */
export interface StartupSummary {
  url: string;
  login: string;
  model: string;
  sandbox: { up: true } | { up: false; reason: string };
}

/** `config` is @patchbay/model's ModelConfig (only what is shown here). */
export function describeStartupModel(
  config: {
    provider: string;
    openai: { baseUrl?: string };
    models: Record<string, string>;
    scriptedModelFile?: string;
  },
  demo: boolean,
): string {
  if (config.provider === 'scripted') {
    if (demo)
      return 'scripted demo model (replays the bundled demo; set OPENAI_BASE_URL / OPENAI_API_KEY for a real model, docs/models.md)';
    return config.scriptedModelFile
      ? 'scripted model (recorded turns from SCRIPTED_MODEL_FILE)'
      : 'none configured: set OPENAI_BASE_URL / OPENAI_API_KEY (docs/models.md)';
  }
  const endpoint = config.openai.baseUrl ?? 'https://api.openai.com/v1';
  const names = [...new Set(Object.values(config.models))].join(', ');
  return `${names} at ${endpoint}`;
}

export function describeStartupLogin(authMode: 'dev' | 'github'): string {
  return authMode === 'dev' ? 'any login name (dev login, this machine only)' : 'GitHub sign-in';
}

/** A framed block for a terminal; `colour` marks the sandbox line green or red. */
export function formatStartupSummary(summary: StartupSummary, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  const sandbox = summary.sandbox.up
    ? paint('32', 'ready (gVisor)')
    : paint('31', `not available: ${summary.sandbox.reason} — run npm run doctor`);
  const rows: Array<[string, string]> = [
    ['Open', paint('1', summary.url)],
    ['Sign in', summary.login],
    ['Model', summary.model],
    ['Sandbox', sandbox],
    ['API docs', `${summary.url}/api/docs`],
  ];
  const rule = '─'.repeat(72);
  return (
    [
      '',
      rule,
      ` ${paint('1', 'Patchbay is running')}`,
      ...rows.map(([label, value]) => `   ${label.padEnd(9)} ${value}`),
      rule,
      '',
    ].join('\n') + '\n'
  );
}

/** The same facts as one structured log line, for JSON logs. */
export function startupSummaryFields(summary: StartupSummary): Record<string, unknown> {
  return {
    msg: `Patchbay is running: open ${summary.url}`,
    url: summary.url,
    login: summary.login,
    model: summary.model,
    sandbox: summary.sandbox.up ? 'ready' : `not available: ${summary.sandbox.reason} — run npm run doctor`,
  };
}
