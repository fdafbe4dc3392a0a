import { execFile } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { redactText } from '@patchbay/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';

const run = promisify(execFile);
const IMPORT_TIMEOUT_MS = 120_000;
const ALLOWED_URL_SCHEMES = ['https:', 'http:', 'ssh:', 'git:', 'file:'];

/**
 * Copies a repository into the local forge as a bare repository that sandboxes clone from. The
 * source is untrusted input: only plain paths and ordinary git URLs are accepted, and git runs
 * with every exotic transport (ext::, fd::) disabled and without reading a terminal.
 */
@Injectable()
export class LocalForgeImportService {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  forgePath(organisationId: string, fullName: string): string {
    return path.resolve(this.config.DATA_DIR, 'forge', organisationId, `${fullName}.git`);
  }

  async importRepository(organisationId: string, fullName: string, source: string): Promise<{ cloneUrl: string; defaultBranch: string }> {
    await this.assertAcceptableSource(source);
    const target = this.forgePath(organisationId, fullName);
    await mkdir(path.dirname(target), { recursive: true });
    await rm(target, { recursive: true, force: true });
    try {
      await run(
        'git',
        ['-c', 'protocol.allow=never', ...ALLOWED_URL_SCHEMES.flatMap((s) => ['-c', `protocol.${s.slice(0, -1)}.allow=always`]), 'clone', '--bare', '--quiet', '--', source, target],
        { timeout: IMPORT_TIMEOUT_MS, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      );
    } catch (error) {
      await rm(target, { recursive: true, force: true });
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new UnprocessableEntityException(`Could not import the repository: ${redactText(stderr.trim().split('\n').slice(-3).join(' ')) || 'git clone failed'}`);
    }
    const { stdout } = await run('git', ['--git-dir', target, 'symbolic-ref', '--short', 'HEAD']).catch(() => ({ stdout: 'main' }));
    return { cloneUrl: target, defaultBranch: stdout.trim() || 'main' };
  }

  private async assertAcceptableSource(source: string): Promise<void> {
    if (source.startsWith('-')) throw new UnprocessableEntityException('importFrom must be a path or a git URL');
    if (path.isAbsolute(source)) {
      const info = await stat(source).catch(() => null);
      if (!info?.isDirectory()) throw new UnprocessableEntityException(`importFrom: no directory at ${source}`);
      return;
    }
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw new UnprocessableEntityException('importFrom must be an absolute path or a git URL (https://, ssh://, git://, file://)');
    }
    if (!ALLOWED_URL_SCHEMES.includes(url.protocol)) {
      throw new UnprocessableEntityException(`importFrom: the ${url.protocol} scheme is not allowed`);
    }
  }
}
