import examples from '@octokit/webhooks-examples';
import { mentionInstruction, readWebhook } from './webhook-triggers';

type Payload = Record<string, unknown>;

/** A real payload shape from @octokit/webhooks-examples, sent to an installation of the app. */
function example(event: string, action: string, changes: (payload: Payload) => void = () => undefined): Payload {
  const found = examples
    .find((entry) => entry.name === event)
    ?.examples.find((payload) => (payload as Payload)['action'] === action);
  if (!found) throw new Error(`no example for ${event}.${action}`);
  const payload = structuredClone(found) as Payload;
  payload['installation'] = { ...(payload['installation'] as Payload | undefined), id: 4242 };
  changes(payload);
  return payload;
}

describe('readWebhook', () => {
  it('turns issues.labeled into a label trigger whose prompt is the issue title and body', () => {
    const intent = readWebhook(
      'issues',
      example('issues', 'labeled', (p) => {
        Object.assign(p['issue'] as Payload, { title: 'Greeting is wrong', body: 'It should say Hello.' });
      }),
    );
    expect(intent).toMatchObject({
      kind: 'work',
      via: 'label',
      threadKind: 'issue',
      installationId: 4242,
      comment: null,
    });
    if (intent.kind !== 'work') throw new Error('expected work');
    expect(intent.prompt).toContain('Greeting is wrong');
    expect(intent.prompt).toContain('It should say Hello.');
    expect(intent.label).toBeTruthy();
  });

  it('reads @patchbay comments on issues and pull requests, and ignores comments without a mention', () => {
    const onIssue = readWebhook(
      'issue_comment',
      example('issue_comment', 'created', (p) => {
        (p['comment'] as Payload)['body'] = 'Could you look? @patchbay please rename greet to welcome';
        delete (p['issue'] as Payload)['pull_request'];
      }),
    );
    expect(onIssue).toMatchObject({ kind: 'work', via: 'comment', threadKind: 'issue' });
    if (onIssue.kind !== 'work') throw new Error('expected work');
    expect(onIssue.prompt.startsWith('please rename greet to welcome')).toBe(true);
    expect(onIssue.comment?.kind).toBe('issue_comment');

    const onPull = readWebhook(
      'issue_comment',
      example('issue_comment', 'created', (p) => {
        (p['comment'] as Payload)['body'] = '@patchbay also handle empty names';
        (p['issue'] as Payload)['pull_request'] = { url: 'x' };
      }),
    );
    expect(onPull).toMatchObject({ kind: 'work', threadKind: 'pull_request' });

    expect(
      readWebhook(
        'issue_comment',
        example('issue_comment', 'created', (p) => {
          (p['comment'] as Payload)['body'] = 'email me at x@patchbay.dev';
        }),
      ),
    ).toMatchObject({ kind: 'ignored' });
  });

  it('accepts only reviews that request changes', () => {
    const changes = readWebhook(
      'pull_request_review',
      example('pull_request_review', 'submitted', (p) => {
        (p['review'] as Payload)['state'] = 'changes_requested';
      }),
    );
    expect(changes).toMatchObject({ kind: 'work', via: 'review', threadKind: 'pull_request' });
    const approved = readWebhook(
      'pull_request_review',
      example('pull_request_review', 'submitted', (p) => {
        (p['review'] as Payload)['state'] = 'approved';
      }),
    );
    expect(approved).toMatchObject({ kind: 'ignored' });
  });

  it('reads review comments that mention @patchbay and records the comment to answer', () => {
    const intent = readWebhook(
      'pull_request_review_comment',
      example('pull_request_review_comment', 'created', (p) => {
        (p['comment'] as Payload)['body'] = '@patchbay use a template literal here';
      }),
    );
    expect(intent).toMatchObject({ kind: 'work', via: 'review_comment', comment: { kind: 'review_comment' } });
    if (intent.kind !== 'work') throw new Error('expected work');
    expect(intent.reviewCommentIds).toEqual([intent.comment?.id]);
  });

  it('ignores bots (its own comments included), unknown events and non-trigger actions', () => {
    const fromBot = readWebhook(
      'issue_comment',
      example('issue_comment', 'created', (p) => {
        (p['comment'] as Payload)['body'] = '@patchbay do it';
        p['sender'] = { login: 'patchbay[bot]', id: 9, type: 'Bot' };
      }),
    );
    expect(fromBot).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('bot') });
    expect(readWebhook('star', { action: 'created' })).toMatchObject({ kind: 'ignored' });
    expect(readWebhook('issues', example('issues', 'opened'))).toMatchObject({ kind: 'ignored' });
    expect(
      readWebhook(
        'issues',
        example('issues', 'labeled', (p) => {
          delete p['installation'];
        }),
      ),
    ).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('installation') });
  });

  it('reads installation and installation_repositories changes', () => {
    expect(readWebhook('installation', example('installation', 'created'))).toMatchObject({
      kind: 'installation',
      change: 'created',
    });
    expect(readWebhook('installation_repositories', example('installation_repositories', 'added'))).toMatchObject({
      kind: 'installation',
      change: 'repositories_added',
    });
  });
});

describe('mentionInstruction', () => {
  it('finds the instruction after the mention, and nothing in e-mail addresses or other handles', () => {
    expect(mentionInstruction('@patchbay: fix the flaky test')).toBe('fix the flaky test');
    expect(mentionInstruction('hey @Patchbay')).toBe('');
    expect(mentionInstruction('ops@patchbay.io')).toBeNull();
    expect(mentionInstruction('@patchbay-bot go')).toBeNull();
  });
});
