import { SecretScan } from './secret-scan-stream';

describe('SecretScan', () => {
  it('finds a value split across two chunks', () => {
    const scan = new SecretScan(['tok_7f3a9c2e5b1d4f60']);
    scan.push(Buffer.from('...token=tok_7f3a9c'));
    expect(scan.found).toBe(false);
    scan.push(Buffer.from('2e5b1d4f60\n...'));
    expect(scan.found).toBe(true);
  });

  it('ignores short values that would match anywhere', () => {
    const scan = new SecretScan(['true', '1']);
    scan.push(Buffer.from('true 1 true'));
    expect(scan.found).toBe(false);
  });

  it('finds nothing in a stream without the values', () => {
    const scan = new SecretScan(['a-long-secret-value']);
    for (let i = 0; i < 100; i++) scan.push(Buffer.from('a-long-secret-valu'));
    expect(scan.found).toBe(false);
  });
});
