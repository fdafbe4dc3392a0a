import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SandboxMetrics } from '@patchbay/sandbox-runtime';
import { metricsRegistry } from './metrics';
// Importing them registers the gateway's and the GitHub client's metrics on the shared registry.
import '../../gateway/feature/src/common/http-metrics.middleware';
import '../../github/src/github-rate-limit.metrics';

const DASHBOARD = path.join(__dirname, '../../../deploy/grafana/patchbay-dashboard.json');

interface Panel {
  type: string;
  title: string;
  targets?: Array<{ expr: string }>;
}

/** The series a registry exposes: histogram and summary names with the suffixes Prometheus adds. */
async function seriesNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const registry of [metricsRegistry, new SandboxMetrics().registry]) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      if (String(metric.type) === 'histogram')
        for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
      if (String(metric.type) === 'summary') for (const suffix of ['_sum', '_count']) names.add(metric.name + suffix);
    }
  }
  return names;
}

describe('the Grafana dashboard under deploy/', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[] };
  const queries = dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
  );

  it('is a dashboard with queries on every graph panel', () => {
    expect(dashboard.uid).toBe('patchbay-overview');
    const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(graphs.length).toBeGreaterThan(10);
    expect(graphs.filter((panel) => !panel.targets?.length).map((panel) => panel.title)).toEqual([]);
  });

  it('queries only metrics the services register', async () => {
    const known = await seriesNames();
    const queried = queries.flatMap(({ panel, expr }) =>
      (expr.match(/\b(?:patchbay|process|nodejs)_[a-z0-9_]+/g) ?? []).map((name) => ({ panel, name })),
    );
    expect(queries.every(({ expr }) => /\b(?:patchbay|process|nodejs)_/.test(expr))).toBe(true);
    expect(queried.filter(({ name }) => !known.has(name))).toEqual([]);
    // Every metric Patchbay defines itself is on the dashboard.
    const own = [...known].filter(
      (name) =>
        name.startsWith('patchbay_') &&
        !name.startsWith('patchbay_sandbox_process_') &&
        !/_(bucket|sum|count)$/.test(name),
    );
    const onDashboard = new Set(queried.map(({ name }) => name.replace(/_(bucket|sum|count)$/, '')));
    expect(own.filter((name) => !onDashboard.has(name))).toEqual([]);
  });
});
