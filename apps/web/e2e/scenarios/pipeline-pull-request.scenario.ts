import type { TaskEvent, PullRequestView } from '@patchbay/contracts';
import { oggAudioInfo } from '../../../../libs/speech/src/ogg-duration';
import type { Scenario } from '../support/e2e-environment';
import { REWORDED_STEP } from '../support/greeter-script';
import { assert } from '../support/harness';
import { api, screenshot, waitForChip } from '../support/page-helpers';

export const pipelinePullRequestScenario: Scenario = {
  name: 'pipeline: pull request and spoken summary',
  journey: 'pipeline',
  async run(e2e, check) {
    const { pipeline } = e2e.env;
    const { page, taskId, token } = e2e.pipeline;

    await check('pipeline: the task completes and the page links the pull request by number', async () => {
      await waitForChip(page, 'completed');
      const link = page.getByTestId('pr-link');
      await link.waitFor();
      const pr = await api<PullRequestView>(pipeline, token, 'GET', `/tasks/${taskId}/pull-request`);
      assert(
        pr.status === 200 && pr.body.state === 'open' && pr.body.baseBranch === 'main',
        `pull request ${pr.status} ${JSON.stringify(pr.body)}`,
      );
      assert(
        (await link.getAttribute('href')) === pr.body.url,
        `link ${await link.getAttribute('href')} is not ${pr.body.url}`,
      );
      assert(
        (await link.textContent())?.includes(`#${pr.body.number} (${pr.body.headBranch})`),
        `link text ${await link.textContent()}`,
      );
      // The pull request describes the plan as the human edited it.
      assert(pr.body.body.includes(`1. ${REWORDED_STEP}`), 'the PR body does not list the reworded step');
      const events = (await api<TaskEvent[]>(pipeline, token, 'GET', `/tasks/${taskId}/events`)).body;
      const statuses = events.filter((e) => e.type === 'status_changed').map((e) => e.payload['to']);
      assert(
        statuses.join(',') ===
          'queued,analysing,planning,awaiting_plan_approval,executing,validating,awaiting_diff_approval,executing,validating,awaiting_diff_approval,publishing,completed',
        `statuses ${statuses.join(',')}`,
      );
      await page.getByRole('tab', { name: 'Live log' }).click();
      await page
        .locator('[data-testid="log-line"][data-type="pr_created"]', {
          hasText: `pull request #${pr.body.number} opened`,
        })
        .waitFor();
      await screenshot(page, 'task-pr');
    });

    await check('pipeline: PR view and merge', async () => {
      // Once the plan was approved nothing waits for carol: the count left the title without a reload.
      assert((await page.title()) === 'Patchbay', `title ${await page.title()}`);
      const models = await page.getByTestId('task-model-label').allTextContents();
      assert(
        models.length === 2 && models.every((label) => label === 'scripted model'),
        `models that ran ${JSON.stringify(models)}`,
      );
      await page.getByTestId('pr-link').click();
      assert(page.url().endsWith(`/tasks/${taskId}#pull-request-1`), `the PR link led to ${page.url()}`);
      const body = page.getByTestId('pr-body');
      await body.getByRole('heading', { name: 'Summary', exact: true }).waitFor();
      await body.getByRole('listitem').filter({ hasText: REWORDED_STEP }).waitFor();
      await body.locator('tr', { hasText: /^after\s*2\s*0\s*0$/ }).waitFor();
      // The publish stage opens drafts: "open · draft".
      await page
        .locator('[data-testid="pull-request-panel"] [data-testid="pr-state"][data-state="open"]', { hasText: 'open' })
        .waitFor();
      await screenshot(page, 'task-pull-request');
      await page.getByTestId('pull-request-panel').getByRole('button', { name: 'Merge', exact: true }).click();
      await page.getByRole('group', { name: 'Confirm merge' }).getByRole('button', { name: 'Yes, merge' }).click();
      await page.getByTestId('merge-result').waitFor();
      await page.locator('[data-testid="pull-request-panel"] [data-testid="pr-state"][data-state="merged"]').waitFor();
      const pr = await api<PullRequestView>(pipeline, token, 'GET', `/tasks/${taskId}/pull-request`);
      assert(pr.body.state === 'merged', `the server says the PR is ${pr.body.state}`);
      const again = await api<{ message: string }>(pipeline, token, 'POST', `/tasks/${taskId}/pull-request/merge`);
      assert(
        again.status === 409 && again.body.message === `Pull request #${pr.body.number} is merged`,
        `second merge ${again.status} ${JSON.stringify(again.body)}`,
      );
    });

    await check(
      'pipeline: the espeak-ng spoken summary loads and plays in the task view, longer than a second by the file and by the player',
      async () => {
        const events = (await api<TaskEvent[]>(pipeline, token, 'GET', `/tasks/${taskId}/events`)).body;
        const ready = events.find((e) => e.type === 'audio_ready');
        assert(ready && ready.payload['provider'] === 'espeak', `audio_ready ${JSON.stringify(ready?.payload)}`);
        const file = await fetch(`${pipeline.url}/api/v1/tasks/${taskId}/audio`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const bytes = Buffer.from(await file.arrayBuffer());
        assert(
          file.status === 200 && file.headers.get('content-type') === 'audio/ogg; codecs=opus',
          `audio answered ${file.status} ${file.headers.get('content-type')}`,
        );
        assert(
          bytes.length === ready.payload['bytes'],
          `served ${bytes.length} bytes, audio_ready said ${String(ready.payload['bytes'])}`,
        );
        // From the bytes: the last Ogg page's granule position over Opus's 48 kHz clock, less the pre-skip.
        const info = oggAudioInfo(bytes);
        assert(
          info?.codec === 'opus' && info.durationSeconds > 1,
          `the file plays ${info?.durationSeconds ?? 'no'} seconds of ${info?.codec ?? 'unreadable audio'}`,
        );
        const tail = await fetch(`${pipeline.url}/api/v1/tasks/${taskId}/audio`, {
          headers: { authorization: `Bearer ${token}`, range: 'bytes=-100' },
        });
        assert(
          tail.status === 206 &&
            tail.headers.get('content-range') === `bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`,
          `range answered ${tail.status} ${tail.headers.get('content-range')}`,
        );

        await page
          .getByTestId('audio-transcript')
          .filter({ hasText: String(ready.payload['text']) })
          .waitFor();
        await page.getByRole('button', { name: /Load audio summary/ }).click();
        const player = page.getByTestId('audio-player');
        await player.waitFor();
        const played = await player.evaluate(async (element) => {
          const audio = element as HTMLAudioElement;
          if (audio.readyState < 1) {
            await new Promise<void>((resolve, reject) => {
              audio.addEventListener('loadedmetadata', () => resolve(), { once: true });
              audio.addEventListener(
                'error',
                () => reject(new Error(`media error ${audio.error?.code ?? '?'}: ${audio.error?.message ?? ''}`)),
                { once: true },
              );
            });
          }
          // Muted, so headless Chromium's autoplay policy lets a scripted play() start.
          audio.muted = true;
          await audio.play();
          await new Promise((resolve) => setTimeout(resolve, 800));
          return { duration: audio.duration, currentTime: audio.currentTime, error: audio.error?.code ?? null };
        });
        assert(played.error === null, `the player reported media error ${played.error}`);
        assert(
          Number.isFinite(played.duration) &&
            played.duration > 1 &&
            Math.abs(played.duration - info.durationSeconds) < 0.5,
          `the player says ${played.duration} s, the file ${info.durationSeconds} s`,
        );
        assert(played.currentTime > 0.1, `playback did not advance (currentTime ${played.currentTime})`);
        await screenshot(page, 'task-audio');
      },
    );
  },
};
