/**
 * Why a tracked file is left out of the index. Path-based reasons are decided before any blob is
 * read; content-based ones (binary, minified, generated header, too large) after.
 */
export type ExclusionReason =
  'symlink' | 'submodule' | 'ignored' | 'vendored' | 'generated' | 'lockfile' | 'binary' | 'minified' | 'too-large';

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'Pipfile.lock',
  'composer.lock',
  'Gemfile.lock',
  'uv.lock',
  'pdm.lock',
  'mix.lock',
  'packages.lock.json',
  'flake.lock',
]);

// Directory names that hold third-party code when they appear anywhere in a path.
const VENDORED_DIRECTORIES = new Set([
  'node_modules',
  'vendor',
  'third_party',
  'third-party',
  'bower_components',
  'jspm_packages',
  '.yarn',
  'site-packages',
  '.venv',
  'venv',
  'Pods',
]);
// Directory names that hold build output. `build/` is left out on purpose: in Python and
// Gradle projects it often holds hand-written build logic.
const GENERATED_DIRECTORIES = new Set([
  'dist',
  'out-tsc',
  '.next',
  '.nuxt',
  'coverage',
  '__generated__',
  '.nx',
  '.turbo',
  '.parcel-cache',
  'target',
]);
const GENERATED_NAMES = [
  /\.min\.(js|css|mjs)$/i,
  /\.bundle\.js$/i,
  /\.map$/i,
  /_pb2(_grpc)?\.pyi?$/,
  /\.pb\.go$/,
  /\.pb\.(cc|h)$/,
  /\.generated\.\w+$/i,
  /\.g\.dart$/,
  /_generated\.go$/,
];
const BINARY_EXTENSIONS =
  /\.(png|jpe?g|gif|bmp|ico|icns|webp|avif|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|class|o|a|so|dylib|dll|exe|bin|wasm|woff2?|ttf|otf|eot|mp3|mp4|m4a|wav|ogg|flac|webm|mov|avi|sqlite3?|db|pyc|node|dat|pack|idx)$/i;

/** Reasons decided from the path alone, cheapest first; null when the path looks like source. */
export function exclusionByPath(path: string): ExclusionReason | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (LOCKFILES.has(name)) return 'lockfile';
  const directories = path.split('/').slice(0, -1);
  if (directories.some((d) => VENDORED_DIRECTORIES.has(d))) return 'vendored';
  if (directories.some((d) => GENERATED_DIRECTORIES.has(d))) return 'generated';
  if (GENERATED_NAMES.some((pattern) => pattern.test(name))) return name.includes('.min.') ? 'minified' : 'generated';
  if (BINARY_EXTENSIONS.test(name)) return 'binary';
  return null;
}
