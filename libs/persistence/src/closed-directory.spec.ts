import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstDirectoryOthersCannotEnter } from './closed-directory';

describe('firstDirectoryOthersCannotEnter', () => {
  let top: string;
  beforeEach(() => {
    top = mkdtempSync(path.join(os.tmpdir(), 'closed-directory-'));
    chmodSync(top, 0o755);
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  it('names the highest directory without o+x on the way (a checkout under a 0700 home)', () => {
    const home = path.join(top, 'root');
    const checkout = path.join(home, 'patchbay');
    mkdirSync(path.join(checkout, 'node_modules'), { recursive: true });
    chmodSync(home, 0o700);
    chmodSync(checkout, 0o700);
    expect(firstDirectoryOthersCannotEnter(path.join(checkout, 'node_modules'))).toBe(home);
  });

  it('is undefined when every directory is traversable (0711 is enough) and skips ones not created yet', () => {
    const data = path.join(top, 'data');
    mkdirSync(data);
    chmodSync(data, 0o711);
    expect(firstDirectoryOthersCannotEnter(path.join(data, 'postgres', 'not-yet'))).toBeUndefined();
  });
});
