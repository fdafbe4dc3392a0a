import { isIP } from 'node:net';
import type { ImportSource } from './import-source-policy';

export interface GitInvocation {
  args: string[];
  env: Record<string, string>;
}

/**
 * ssh without anything of the service account's: no config file (-F /dev/null; ssh finds ~ from
 * the password database, not HOME), no agent, no identity file, no prompts. Host keys listed in
 * the system's known-hosts file are checked; others are accepted for this one connection, which
 * is acceptable only because no credential is ever sent (public repositories only).
 */
const SSH_BASE = [
  'ssh',
  '-F',
  '/dev/null',
  '-o',
  'BatchMode=yes',
  '-o',
  'IdentitiesOnly=yes',
  '-o',
  'IdentityFile=/dev/null',
  '-o',
  'IdentityAgent=none',
  '-o',
  'ForwardAgent=no',
  '-o',
  'PasswordAuthentication=no',
  '-o',
  'KbdInteractiveAuthentication=no',
  '-o',
  'ProxyCommand=none',
  '-o',
  'ControlMaster=no',
  '-o',
  'ControlPath=none',
  '-o',
  'StrictHostKeyChecking=accept-new',
  '-o',
  'UserKnownHostsFile=/dev/null',
  '-o',
  'ConnectTimeout=30',
];

/**
 * The whole environment git runs with: nothing inherited but PATH, so no GIT_* variable, proxy,
 * SSH_AUTH_SOCK or HOME/.gitconfig of the gateway's process can change what an import reads or
 * which credentials it offers. `home` is an empty directory made for this import.
 */
export function isolatedGitEnv(home: string, sshCommand: string = SSH_BASE.join(' ')): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_SSH_COMMAND: sshCommand,
    GIT_SSH_VARIANT: 'ssh',
    LANG: 'C',
    LC_ALL: 'C',
  };
}

/** Settings for every git command of an import; the source decides which single transport is allowed. */
function safetyConfig(allowed: 'file' | 'https' | 'ssh' | null): string[] {
  const settings = [
    'core.hooksPath=/dev/null',
    'protocol.allow=never',
    ...(allowed ? [`protocol.${allowed}.allow=always`] : []),
    // A redirect could lead an allowed https host to a loopback or metadata address.
    'http.followRedirects=false',
    'credential.helper=',
    'submodule.recurse=false',
    // A server-advertised bundle URI would be fetched from wherever the server says.
    'transfer.bundleURI=false',
  ];
  return settings.flatMap((setting) => ['-c', setting]);
}

/**
 * `git clone --bare` of an accepted source into `target`. A path is cloned from its checked git
 * directory with --no-local (objects go through upload-pack, never hard-linked or copied file by
 * file) and upload-pack --strict (no guessing of "<path>/.git" or "<path>.git"). A URL's host is
 * pinned to the addresses the policy checked, so a second DNS answer cannot point git elsewhere
 * (DNS rebinding).
 */
export function cloneInvocation(source: ImportSource, target: string, home: string): GitInvocation {
  if (source.kind === 'path') {
    return {
      args: [
        ...safetyConfig('file'),
        'clone',
        '--bare',
        '--quiet',
        '--no-local',
        '--upload-pack',
        'git upload-pack --strict',
        '--',
        source.gitDir,
        target,
      ],
      env: isolatedGitEnv(home),
    };
  }
  const pinned = isIP(source.host) ? [] : pinnedAddresses(source);
  const ssh =
    source.scheme === 'ssh'
      ? [...SSH_BASE, '-o', `HostKeyAlias=${source.host}`, '-o', `HostName=${source.addresses[0] ?? source.host}`]
      : SSH_BASE;
  return {
    args: [...safetyConfig(source.scheme), ...pinned, 'clone', '--bare', '--quiet', '--', source.url, target],
    env: isolatedGitEnv(home, ssh.join(' ')),
  };
}

/** The branch HEAD of the fresh copy names, read with the same isolation. */
export function headBranchInvocation(target: string, home: string): GitInvocation {
  return {
    args: [...safetyConfig(null), '--git-dir', target, 'symbolic-ref', '--short', 'HEAD'],
    env: isolatedGitEnv(home),
  };
}

/** curl's resolve list (host:port:addr,...): git connects only to the addresses that were checked. */
function pinnedAddresses(source: Extract<ImportSource, { kind: 'url' }>): string[] {
  if (source.scheme !== 'https') return [];
  const addresses = source.addresses.map((address) => (isIP(address) === 6 ? `[${address}]` : address)).join(',');
  return ['-c', `http.curloptResolve=${source.host}:${source.port}:${addresses}`];
}
