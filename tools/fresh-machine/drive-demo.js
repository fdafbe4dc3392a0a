#!/usr/bin/env node
// Part of tools/fresh-machine (run inside the fresh root): runs `npm start` as a person would, in
// its own process group, and drives the offline demo through the REST API with dev login.
//   node drive-demo.js pull-request   CHECKOUT DATA_DIR  the demo task completes with a pull request
//   node drive-demo.js engine-missing CHECKOUT DATA_DIR  /readyz 503 naming the sandbox; the demo task
//                                                        fails with "the sandbox engine is not available: …"
// Then Ctrl-C (SIGINT to the group), which must end `npm start` with status 0.
const { spawn } = require('node:child_process');
const { openSync, readFileSync } = require('node:fs');
const path = require('node:path');

const [mode, checkout, dataDir] = process.argv.slice(2);
if (!['pull-request', 'engine-missing'].includes(mode) || !checkout || !dataDir) {
  console.error('usage: drive-demo.js pull-request|engine-missing CHECKOUT DATA_DIR');
  process.exit(2);
}
const PORT = 3000;
const base = `http://127.0.0.1:${PORT}`;
const api = `${base}/api/v1`;
const logFile = path.join(path.dirname(__filename), `npm-start-${mode}.log`);
const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)}s`;
const say = (text) => console.log(`[drive-demo ${seconds()}] ${text}`);

const out = openSync(logFile, 'w');
const child = spawn('npm', ['start'], {
  cwd: checkout,
  env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT) },
  stdio: ['ignore', out, out],
  detached: true,
});
let exit = null;
child.on('exit', (code, signal) => (exit = { code, signal }));
const consoleText = () => readFileSync(logFile, 'utf8');

async function until(description, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (exit) throw new Error(`npm start exited (${JSON.stringify(exit)}) while waiting for ${description}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`no ${description} within ${timeoutMs / 1000}s (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function json(url, init) {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function main() {
  // `npm start` compiles the services before it listens; on two busy cores that takes a while.
  await until('healthy /healthz', 600_000, async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
  say('npm start answers /healthz');
  const ready = await json(`${base}/readyz`);
  say(`/readyz ${ready.status} ${JSON.stringify(ready.body)}`);
  const summary = consoleText()
    .split('\n')
    .find((line) => line.includes('Patchbay is running'));
  say(`start-up block: ${summary ?? '(none found)'}`);

  const login = await json(`${api}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'newcomer' }),
  });
  if (login.status !== 200 && login.status !== 201) throw new Error(`dev login answered ${login.status}`);
  const auth = { authorization: `Bearer ${login.body.token}` };

  let lastStatus = '';
  const demo = await until('settled demo task', mode === 'pull-request' ? 900_000 : 120_000, async () => {
    const page = await json(`${api}/tasks`, { headers: auth });
    const task = page.body?.items?.find((item) => item.repository === 'patchbay/demo-invoice');
    if (task && task.status !== lastStatus) say(`demo task ${task.id}: ${(lastStatus = task.status)}`);
    return task && ['completed', 'failed', 'cancelled'].includes(task.status) ? task : undefined;
  });
  const events = (await json(`${api}/tasks/${demo.id}/events`, { headers: auth })).body ?? [];
  const eventLog = () => events.map((e) => `  ${e.type} ${JSON.stringify(e.payload).slice(0, 240)}`).join('\n');
  const problems = [];

  if (mode === 'pull-request') {
    if (ready.status !== 200) problems.push(`/readyz answered ${ready.status}`);
    if (demo.status !== 'completed') problems.push(`the demo task is ${demo.status}`);
    const pr = events.find((e) => e.type === 'pr_created');
    if (!pr) problems.push('no pr_created event');
    else say(`pull request: ${JSON.stringify(pr.payload)}`);
  } else {
    if (ready.status !== 503) problems.push(`/readyz answered ${ready.status}, not 503`);
    if (ready.body?.checks?.sandbox !== 'down')
      problems.push(`/readyz checks.sandbox is ${ready.body?.checks?.sandbox}`);
    if (!/sandbox: /.test(ready.body?.message ?? '')) problems.push('/readyz message does not name the sandbox');
    if (!/not available: .+ — run npm run doctor/.test(summary ?? ''))
      problems.push('the start-up block does not say the sandbox is not available');
    if (demo.status !== 'failed') problems.push(`the demo task is ${demo.status}, not failed`);
    const error = events.find((e) => e.type === 'error');
    say(`demo error: ${JSON.stringify(error?.payload)}`);
    if (!/^the sandbox engine is not available: .+ — run npm run doctor$/.test(error?.payload?.message ?? ''))
      problems.push('the demo error does not say "the sandbox engine is not available: … — run npm run doctor"');
    if (error?.payload?.category !== 'user_correctable') problems.push(`error category ${error?.payload?.category}`);
  }
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\nevents:\n${eventLog()}`);
  say(`demo ${demo.status} as expected (${events.length} events)`);
}

async function stop() {
  if (exit) return;
  // Ctrl-C: SIGINT to the whole process group.
  process.kill(-child.pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (!exit && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (!exit) {
    process.kill(-child.pid, 'SIGKILL');
    throw new Error('npm start did not stop within 60 s of Ctrl-C');
  }
  say(`npm start stopped: ${JSON.stringify(exit)}`);
  // npm itself dies of the SIGINT it received (as in a terminal: status 130), whatever its child
  // did; the platform's own clean exit on Ctrl-C is the lifecycle spec's concern. Here: it shut down.
  if (exit.code !== 0 && exit.signal !== 'SIGINT')
    throw new Error(`npm start exited ${JSON.stringify(exit)} on Ctrl-C`);
  if (!consoleText().includes('SIGINT received: shutting down'))
    throw new Error('no "SIGINT received: shutting down" line');
}

main()
  .then(stop)
  .catch(async (error) => {
    console.error(`[drive-demo ${seconds()}] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`--- last lines of ${logFile} ---\n${consoleText().split('\n').slice(-60).join('\n')}`);
    await stop().catch((stopError) => console.error(String(stopError)));
    process.exitCode = 1;
  });
