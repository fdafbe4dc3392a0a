import {
  describeStartupLogin,
  describeStartupModel,
  formatStartupSummary,
  startupSummaryFields,
} from './startup-summary';

const scripted = { provider: 'scripted', openai: {}, models: { planner: 'scripted', coder: 'scripted' } };

describe('npm start summary', () => {
  it('names the model that will work the tasks', () => {
    expect(describeStartupModel(scripted, true)).toMatch(/^scripted demo model/);
    expect(describeStartupModel({ ...scripted, scriptedModelFile: '/tmp/s.json' }, false)).toBe(
      'scripted model (recorded turns from SCRIPTED_MODEL_FILE)',
    );
    expect(describeStartupModel(scripted, false)).toBe(
      'none configured: set OPENAI_BASE_URL / OPENAI_API_KEY (docs/models.md)',
    );
    expect(
      describeStartupModel(
        { provider: 'openai', openai: { baseUrl: 'http://vllm:8000/v1' }, models: { planner: 'qwen', coder: 'qwen' } },
        false,
      ),
    ).toBe('qwen at http://vllm:8000/v1');
    expect(
      describeStartupModel({ provider: 'openai', openai: {}, models: { planner: 'gpt-a', coder: 'gpt-b' } }, false),
    ).toBe('gpt-a, gpt-b at https://api.openai.com/v1');
  });

  it('prints URL, sign-in, model and the sandbox status; an unavailable sandbox says why and what to run', () => {
    const block = formatStartupSummary(
      {
        url: 'http://localhost:8080',
        login: describeStartupLogin('dev'),
        model: 'scripted demo model',
        sandbox: { up: false, reason: 'the Docker engine does not answer' },
      },
      false,
    );
    expect(block).toContain('   Open      http://localhost:8080\n');
    expect(block).toContain('   Sign in   any login name (dev login, this machine only)\n');
    expect(block).toContain('   Model     scripted demo model\n');
    expect(block).toContain('   Sandbox   not available: the Docker engine does not answer — run npm run doctor\n');
    expect(block).not.toContain('\x1b[');
    const ready = formatStartupSummary(
      { url: 'http://x', login: describeStartupLogin('github'), model: 'm', sandbox: { up: true } },
      true,
    );
    expect(ready).toContain('\x1b[32mready (gVisor)\x1b[0m');
    expect(ready).toContain('GitHub sign-in');
  });

  it('gives the same facts as one log line for JSON logs', () => {
    expect(
      startupSummaryFields({
        url: 'http://localhost:8080',
        login: 'l',
        model: 'm',
        sandbox: { up: false, reason: 'r' },
      }),
    ).toEqual({
      msg: 'Patchbay is running: open http://localhost:8080',
      url: 'http://localhost:8080',
      login: 'l',
      model: 'm',
      sandbox: 'not available: r — run npm run doctor',
    });
  });
});
