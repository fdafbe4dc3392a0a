import type { RepositoryConfigurationReport, TaskEvent, TaskEventPayload } from '@patchbay/contracts';
import { render, screen } from '@testing-library/react';
import { TASK_ID } from '../../../testing/render-with-app';
import { RepositoryConfigurationPanel } from './repository-configuration-panel';

function thought(seq: number, payload: TaskEventPayload<'agent_thought'>): TaskEvent {
  return {
    id: String(seq),
    taskId: TASK_ID,
    seq,
    type: 'agent_thought',
    agent: 'supervisor',
    payload,
    at: '2026-12-05T12:00:00.000Z',
  };
}

const REPORT: RepositoryConfigurationReport = {
  configFile: '.patchbay.yml',
  configProblem: null,
  instructionsFrom: ['AGENTS.md', 'src/AGENTS.md'],
  settings: [
    { field: 'setup', value: '', source: 'default' },
    { field: 'test', value: 'npm test', source: 'settings' },
    { field: 'exclude', value: 'fixtures/**', source: 'file' },
  ],
};

describe('RepositoryConfigurationPanel', () => {
  it('shows the file and instructions used and every setting with its source', () => {
    render(
      <RepositoryConfigurationPanel
        events={[
          thought(1, { message: 'Repository intelligence…' }),
          thought(2, { message: 'Repository configuration: …', configuration: REPORT }),
        ]}
      />,
    );
    expect(screen.getByTestId('config-file').textContent).toBe('.patchbay.yml');
    expect(screen.getByTestId('instructions-from').textContent).toBe('AGENTS.md, src/AGENTS.md');
    expect(screen.getAllByTestId('config-setting').map((row) => row.textContent)).toEqual([
      'setupthe platform’s dependency install onlydefault',
      'testnpm testrepository settings',
      'excludefixtures/**configuration file',
    ]);
  });

  it('says why an ignored file was ignored, and waits for the analysis before that', () => {
    const { rerender } = render(<RepositoryConfigurationPanel events={[thought(1, { message: 'queued' })]} />);
    expect(screen.getByText(/read from the repository at the base commit/)).toBeTruthy();
    rerender(
      <RepositoryConfigurationPanel
        events={[
          thought(2, {
            message: 'Configuration read',
            configuration: {
              ...REPORT,
              configFile: null,
              configProblem: '.patchbay.yml:2:1: unknown key "tset"',
              instructionsFrom: [],
            },
          }),
        ]}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain('unknown key "tset"');
    expect(screen.getByTestId('config-file').textContent).toBe('ignored (see above)');
    expect(screen.getByTestId('instructions-from').textContent).toBe('none (no AGENTS.md)');
  });
});
