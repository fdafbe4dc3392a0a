import { createHash } from 'node:crypto';

/**
 * Root files whose contents decide what an install produces. Lockfiles pin the versions; the bare
 * manifests matter too, because without a lockfile (`npm install`) they are all there is, and a
 * `.npmrc`/`.yarnrc` can change the registry or the layout of node_modules.
 */
const MANIFEST_PATTERNS: readonly RegExp[] = [
  /^package\.json$/,
  /^package-lock\.json$/,
  /^npm-shrinkwrap\.json$/,
  /^yarn\.lock$/,
  /^pnpm-lock\.yaml$/,
  /^pnpm-workspace\.yaml$/,
  /^\.npmrc$/,
  /^\.yarnrc(\.yml)?$/,
  /^pyproject\.toml$/,
  /^poetry\.lock$/,
  /^setup\.(py|cfg)$/,
  /^requirements.*\.txt$/,
  /^go\.(mod|sum)$/,
  /^pom\.xml$/,
];

/** The root files (of a listing of the workspace root) whose contents belong in the key, sorted. */
export function keyManifests(rootFiles: readonly string[]): string[] {
  return rootFiles.filter((name) => MANIFEST_PATTERNS.some((pattern) => pattern.test(name))).sort();
}

export interface WarmEnvironmentKeyInput {
  /** Which repository: the sandbox's source (`local-bare:<path>` or `git-url:<url>`). */
  repository: string;
  /** The sandbox image's id (sha256:…), not its tag: a rebuilt image invalidates every snapshot. */
  imageId: string;
  /** The commands the install runs, in order: the setup command, or what detection chose. */
  commands: readonly string[];
  /** sha256 (hex) of each manifest's contents, by file name. */
  manifestHashes: ReadonlyMap<string, string>;
}

/**
 * The key a warm environment is stored and found under. Every input is length-prefixed, so no
 * two different inputs can produce the same byte stream.
 */
export function warmEnvironmentKey(input: WarmEnvironmentKeyInput): string {
  const hash = createHash('sha256');
  const field = (value: string) => hash.update(`${Buffer.byteLength(value)}:${value};`);
  field('patchbay-warm-environment/1');
  field(input.repository);
  field(input.imageId);
  field(String(input.commands.length));
  for (const command of input.commands) field(command);
  const names = [...input.manifestHashes.keys()].sort();
  field(String(names.length));
  for (const name of names) {
    field(name);
    field(input.manifestHashes.get(name) ?? '');
  }
  return hash.digest('hex');
}

/**
 * The per-repository name of things that must never be shared between repositories (the package
 * cache volume). A hash, so the name says nothing about the repository and is a valid volume name.
 */
export function repositoryScope(repository: string): string {
  return createHash('sha256').update(`patchbay-repository/1:${repository}`).digest('hex').slice(0, 32);
}

/** Parses `sha256sum` output (`<hex>  <name>` per line) into hashes by name. */
export function parseSha256sum(output: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match?.[1] && match[2]) hashes.set(match[2], match[1]);
  }
  return hashes;
}
