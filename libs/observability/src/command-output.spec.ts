import { COMMAND_OUTPUT_HEAD_BYTES, COMMAND_OUTPUT_TAIL_BYTES, commandOutputExcerpt } from './command-output';

describe('commandOutputExcerpt', () => {
  it('keeps short output whole, ANSI colours included', () => {
    const stdout = '\u001b[32m✓ adds\u001b[39m\n';
    expect(commandOutputExcerpt({ stdout, stderr: 'warn\n' })).toEqual({ stdout, stderr: 'warn\n', elidedBytes: 0 });
  });

  it('keeps the head and the tail of long output and says how much was cut', () => {
    const stdout = `START${'x'.repeat(50_000)}END`;
    const result = commandOutputExcerpt({ stdout, stderr: '' });
    expect(result.stdout.startsWith('START')).toBe(true);
    expect(result.stdout.endsWith('END')).toBe(true);
    expect(result.elidedBytes).toBe(stdout.length - COMMAND_OUTPUT_HEAD_BYTES - COMMAND_OUTPUT_TAIL_BYTES);
    expect(result.stdout).toContain(`… ${result.elidedBytes} bytes elided …`);
    expect(Buffer.byteLength(result.stdout)).toBeLessThan(COMMAND_OUTPUT_HEAD_BYTES + COMMAND_OUTPUT_TAIL_BYTES + 64);
    // The whole output goes along for the gateway to store as an artifact.
    expect(result.full).toEqual({ stdout, stderr: '' });
  });

  it('masks secrets a command printed, even one the cut would have split', () => {
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const stdout = `${'a'.repeat(COMMAND_OUTPUT_HEAD_BYTES - 10)} ${token}\n${'b'.repeat(20_000)}`;
    const result = commandOutputExcerpt({ stdout, stderr: `using ${token}` });
    expect(result.stdout).not.toContain('ghp_abcdefghij'.slice(0, 10) + 'klm');
    expect(result.stdout).not.toMatch(/ghp_[a-z]{6}/);
    expect(result.stderr).toBe('using [REDACTED]');
    expect(result.full?.stdout).toContain('[REDACTED]');
    expect(result.full?.stdout).not.toContain('ghp_');
  });

  it('never leaves a broken character at the cut', () => {
    const result = commandOutputExcerpt({ stdout: 'é'.repeat(20_000), stderr: '' });
    expect(result.stdout).not.toContain('\uFFFD');
  });
});
