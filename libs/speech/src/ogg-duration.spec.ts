import { oggAudioInfo, oggDurationSeconds } from './ogg-duration';

/** One Ogg page around `body` (CRC left zero: the reader does not check it, browsers do not need it here). */
function page(granule: bigint, body: Buffer, headerType = 0): Buffer {
  const lacing: number[] = [];
  let left = body.length;
  while (left >= 255) {
    lacing.push(255);
    left -= 255;
  }
  lacing.push(left);
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header[5] = headerType;
  header.writeBigUInt64LE(granule, 6);
  header.writeUInt32LE(0x1234, 14);
  header[26] = lacing.length;
  return Buffer.concat([header, Buffer.from(lacing), body]);
}

function opusHead(preSkip: number): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(22_050, 12);
  return head;
}

function vorbisId(rate: number): Buffer {
  const id = Buffer.alloc(30);
  id.write('\x01vorbis', 0, 'latin1');
  id[11] = 1;
  id.writeUInt32LE(rate, 12);
  return id;
}

const NO_GRANULE = 0xffff_ffff_ffff_ffffn;

describe('oggAudioInfo', () => {
  it('reads an Opus stream at 48 kHz from the last page, less the pre-skip', () => {
    const file = Buffer.concat([
      page(0n, opusHead(312), 2),
      page(0n, Buffer.from('OpusTags')),
      page(48_312n, Buffer.alloc(300, 1)),
      page(120_312n, Buffer.alloc(700, 2), 4),
    ]);
    expect(oggAudioInfo(file)).toEqual({ codec: 'opus', granuleRate: 48_000, durationSeconds: 2.5 });
  });

  it('skips pages on which no packet ends (granule position all ones)', () => {
    const file = Buffer.concat([
      page(0n, opusHead(0), 2),
      page(96_000n, Buffer.alloc(10)),
      page(NO_GRANULE, Buffer.alloc(10)),
    ]);
    expect(oggDurationSeconds(file)).toBe(2);
  });

  it('reads a Vorbis stream at the rate of its identification header', () => {
    const file = Buffer.concat([page(0n, vorbisId(24_000), 2), page(36_000n, Buffer.alloc(520, 3), 4)]);
    expect(oggAudioInfo(file)).toEqual({ codec: 'vorbis', granuleRate: 24_000, durationSeconds: 1.5 });
  });

  it('refuses what is not a whole Ogg Opus or Vorbis file', () => {
    const whole = Buffer.concat([page(0n, opusHead(0), 2), page(96_000n, Buffer.alloc(400))]);
    expect(oggDurationSeconds(whole.subarray(0, whole.length - 1))).toBeNull();
    expect(oggDurationSeconds(Buffer.from('RIFF....WAVEfmt '))).toBeNull();
    expect(oggDurationSeconds(Buffer.alloc(0))).toBeNull();
    expect(
      oggDurationSeconds(
        Buffer.concat([page(0n, Buffer.from('\x80theora-not-audio'), 2), page(100n, Buffer.alloc(4))]),
      ),
    ).toBeNull();
  });
});
