import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `npm run doctor` as a person runs it, against this machine's real engine or a dead socket. */
const root = path.resolve(__dirname, '../..');

function doctor(env: NodeJS.ProcessEnv): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, ['tools/doctor/doctor.js'], {
    cwd: root,
    env: { ...process.env, DOCKER_SOCKET: '', DOCKER_HOST: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout };
}

describe('npm run doctor', () => {
  it('with the engine unavailable, names it, where it was looked for and the fix, and exits 1', () => {
    const { status, stdout } = doctor({ DOCKER_HOST: 'unix:///nonexistent.sock' });
    expect(status).toBe(1);
    expect(stdout).toContain(
      '✗ Docker engine: not reachable at unix:///nonexistent.sock (from DOCKER_HOST): no socket there (Docker is not installed or not running)',
    );
    expect(stdout).toContain(
      '    fix: correct or unset DOCKER_HOST, or run npm run setup to install and start Docker on this machine',
    );
    expect(stdout).toContain('- runsc runtime: needs the Docker engine');
    expect(stdout).toContain('- sandbox images: needs the Docker engine');
    expect(stdout).toMatch(/\d+ required check\(s\) failed/);
  });

  it('on this machine, finds the engine, runs a container under runsc with no network, and finds every sandbox image', () => {
    const { stdout } = doctor({});
    expect(stdout).toMatch(/✓ Docker engine: Docker \S+ at unix:\/\/\/var\/run\/docker\.sock/);
    expect(stdout).toContain('✓ runsc runtime: registered (runsc, runsc-net); a container with --network=none ran');
    expect(stdout).toContain(
      '✓ sandbox images: patchbay/sandbox-base:latest, patchbay/sandbox-node:latest, patchbay/sandbox-python:latest, patchbay/sandbox-go:latest',
    );
    expect(stdout).toContain('✓ git: git version');
    // No container of its own is left behind.
    const left = spawnSync('docker', ['ps', '-aq', '--filter', 'label=org.patchbay.doctor=1'], {
      encoding: 'utf8',
    }).stdout.trim();
    expect(left).toBe('');
  });

  it('a broker that does not answer is a failed check naming the URL without its password', () => {
    const { status, stdout } = doctor({ AMQP_URL: 'amqp://guest:s3cret@127.0.0.1:1' });
    expect(status).toBe(1);
    expect(stdout).toContain('✗ RabbitMQ (AMQP_URL): amqp://guest:***@127.0.0.1:1');
    expect(stdout).not.toContain('s3cret');
  });
});
