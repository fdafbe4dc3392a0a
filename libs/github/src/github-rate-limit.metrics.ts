import { metricsRegistry } from '@patchbay/observability';
import { Counter, Gauge } from 'prom-client';

/** How much of GitHub's hourly budget is left, per installation, as the last response said. */
export const githubRateLimitRemaining = new Gauge({
  name: 'patchbay_github_rate_limit_remaining',
  help: 'Requests left in the current GitHub rate-limit window (x-ratelimit-remaining)',
  labelNames: ['installation'],
  registers: [metricsRegistry],
});

export const githubRateLimitTotal = new Gauge({
  name: 'patchbay_github_rate_limit_limit',
  help: 'Size of the GitHub rate-limit window (x-ratelimit-limit)',
  labelNames: ['installation'],
  registers: [metricsRegistry],
});

export const githubRequests = new Counter({
  name: 'patchbay_github_requests_total',
  help: 'GitHub REST calls by outcome (ok, client_error, server_error, rate_limited, circuit_open)',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});
