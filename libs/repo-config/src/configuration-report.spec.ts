import { repositoryConfigurationReportSchema } from '@patchbay/contracts';
import { configurationReport } from './configuration-report';
import { resolveEffectiveRepoConfig } from './effective-repo-config';
import { parsePatchbayConfig } from './parse-patchbay-config';

describe('configurationReport', () => {
  it('lists every effective setting as a person reads it, with where it came from', () => {
    const file = {
      path: '.patchbay.yml',
      config: parsePatchbayConfig('setup: [npm ci, npm run build]\ntest: npx jest --ci\nplan:\n  maxFilesChanged: 5\n'),
    };
    const resolved = resolveEffectiveRepoConfig(file, { testCommand: 'npm test', lintMode: 'off' });
    const report = configurationReport(resolved, null, ['AGENTS.md', 'src/AGENTS.md']);

    expect(repositoryConfigurationReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      configFile: '.patchbay.yml',
      configProblem: null,
      instructionsFrom: ['AGENTS.md', 'src/AGENTS.md'],
    });
    const row = (field: string) => report.settings.find((setting) => setting.field === field);
    expect(row('setup')).toEqual({ field: 'setup', value: 'npm ci && npm run build', source: 'file' });
    expect(row('test')).toEqual({ field: 'test', value: 'npm test', source: 'settings' });
    expect(row('lint')).toEqual({ field: 'lint', value: 'off', source: 'settings' });
    expect(row('network')).toEqual({ field: 'network', value: 'none', source: 'default' });
    expect(row('plan.maxFilesChanged')).toEqual({ field: 'plan.maxFilesChanged', value: '5', source: 'file' });
    expect(row('plan.requireTargetTests')).toEqual({
      field: 'plan.requireTargetTests',
      value: 'no',
      source: 'default',
    });
  });

  it('says why an ignored file was ignored', () => {
    const report = configurationReport(
      resolveEffectiveRepoConfig(null, null),
      '.patchbay.yml:2:1: unknown key "tset"',
      [],
    );
    expect(report).toMatchObject({
      configFile: null,
      configProblem: '.patchbay.yml:2:1: unknown key "tset"',
      instructionsFrom: [],
    });
    expect(report.settings.every((setting) => setting.source === 'default')).toBe(true);
  });
});
