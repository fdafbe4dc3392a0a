/** Where a sandbox sees its repository's package cache volume (inside its tmpfs home). */
export const PACKAGE_CACHE_MOUNT = '/home/agent/.cache/patchbay-packages';

/** Points every package manager the images carry at the shared cache, each in its own directory. */
export function packageCacheEnv(mount: string = PACKAGE_CACHE_MOUNT): Record<string, string> {
  return {
    npm_config_cache: `${mount}/npm`,
    YARN_CACHE_FOLDER: `${mount}/yarn`,
    npm_config_store_dir: `${mount}/pnpm-store`,
    PIP_CACHE_DIR: `${mount}/pip`,
    POETRY_CACHE_DIR: `${mount}/poetry`,
    GOMODCACHE: `${mount}/go-mod`,
  };
}
