import { answerReadiness, isReady } from './readiness-answer';
import { probeReadiness, type ReadinessCheck } from './readiness-check';

const up = (name: string): ReadinessCheck => ({ name, check: async () => ({ up: true }) });

describe('answerReadiness', () => {
  it('is ready with every check up', async () => {
    const answer = await answerReadiness([up('database'), up('bus')]);
    expect(answer).toEqual({ status: 'ready', checks: { database: 'up', bus: 'up' } });
    expect(isReady(answer)).toBe(true);
  });

  it('answers a 503 error body naming each check that is down and why', async () => {
    const answer = await answerReadiness([
      up('database'),
      probeReadiness('bus', async () => false),
      { name: 'sandbox', check: async () => ({ up: false, reason: 'the Docker engine does not answer' }) },
    ]);
    expect(isReady(answer)).toBe(false);
    expect(answer).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Not ready: bus: does not answer; sandbox: the Docker engine does not answer',
      checks: { database: 'up', bus: 'down', sandbox: 'down' },
    });
  });

  it('counts a check that throws as down, with its error as the reason', async () => {
    const answer = await answerReadiness([
      { name: 'sandbox', check: () => Promise.reject(new Error('connect ECONNREFUSED')) },
      probeReadiness('database', () => Promise.reject(new Error('gone'))),
    ]);
    expect(answer).toMatchObject({
      message: 'Not ready: sandbox: connect ECONNREFUSED; database: does not answer',
      checks: { sandbox: 'down', database: 'down' },
    });
  });
});
