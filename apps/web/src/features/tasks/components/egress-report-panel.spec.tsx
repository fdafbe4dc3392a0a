import { render, screen, within } from '@testing-library/react';
import { EgressReportView } from './egress-report-panel';

const base = { monitored: true, attempts: [], dropped: 0, collectedAt: '2026-12-06T08:05:00.000Z' };

describe('EgressReportView', () => {
  it('lists each refused attempt with host, port, the command that ran and the reason', () => {
    render(
      <EgressReportView
        report={{
          ...base,
          dropped: 3,
          attempts: [
            {
              host: 'telemetry.example.com',
              port: 443,
              reason: 'not allowed for this sandbox',
              at: '2026-12-06T08:01:02.000Z',
              commands: ['curl https://telemetry.example.com/<b>x</b>'],
            },
            {
              host: 'bg.example',
              port: 80,
              reason: 'not allowed for this sandbox',
              at: '2026-12-06T08:01:03.000Z',
              commands: [],
            },
          ],
        }}
      />,
    );
    const rows = screen.getAllByTestId('egress-attempt');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('telemetry.example.com').tagName).toBe('TD');
    expect(within(rows[0]).getByText('443').tagName).toBe('TD');
    // Untrusted text is shown as text, never as markup.
    expect(within(rows[0]).getByText('curl https://telemetry.example.com/<b>x</b>').tagName).toBe('TD');
    expect(within(rows[1]).getByText('unknown').tagName).toBe('TD');
    expect(screen.getByText(/refused 5 connection attempt\(s\) \(3 not kept beyond the limit\)/).tagName).toBe('P');
  });

  it('says when nothing was refused, and when the sandbox had no network to watch', () => {
    const { rerender } = render(<EgressReportView report={base} />);
    expect(screen.getByText('No connection attempt was refused.').tagName).toBe('P');
    rerender(<EgressReportView report={{ ...base, monitored: false }} />);
    expect(screen.getByText(/had no network at all/).tagName).toBe('P');
  });
});
