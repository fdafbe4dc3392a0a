/**
 * Reads how long an Ogg Opus or Ogg Vorbis file plays, from its bytes: the granule position of
 * the last page (the sample count at its end) divided by the codec's rate. Opus always counts at
 * 48 kHz and starts `pre-skip` samples late (RFC 7845 §4); Vorbis counts at the rate in its
 * identification header. Used to report a clip's length and, in tests, to check it.
 */
export interface OggAudioInfo {
  codec: 'opus' | 'vorbis';
  /** Samples per second the granule position counts in. */
  granuleRate: number;
  durationSeconds: number;
}

const CAPTURE = Buffer.from('OggS', 'latin1');
const PAGE_HEADER_BYTES = 27;
const OPUS_HEAD = Buffer.from('OpusHead', 'latin1');
const VORBIS_ID = Buffer.from('\x01vorbis', 'latin1');
const OPUS_GRANULE_RATE = 48_000;
/** A page whose granule position is all ones has no packet ending on it (RFC 3533). */
const NO_GRANULE = 0xffff_ffff_ffff_ffffn;

/** The codec and duration of an Ogg file; null when the bytes are not a complete Ogg Opus or Vorbis stream. */
export function oggAudioInfo(bytes: Uint8Array): OggAudioInfo | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let first: Buffer | null = null;
  let lastGranule: bigint | null = null;
  while (offset + PAGE_HEADER_BYTES <= data.length) {
    if (!data.subarray(offset, offset + 4).equals(CAPTURE)) return null;
    const segments = data[offset + 26] ?? 0;
    const tableEnd = offset + PAGE_HEADER_BYTES + segments;
    if (tableEnd > data.length) return null;
    let bodyLength = 0;
    for (let index = offset + PAGE_HEADER_BYTES; index < tableEnd; index += 1) bodyLength += data[index] ?? 0;
    const bodyEnd = tableEnd + bodyLength;
    if (bodyEnd > data.length) return null;
    first ??= data.subarray(tableEnd, bodyEnd);
    const granule = data.readBigUInt64LE(offset + 6);
    if (granule !== NO_GRANULE) lastGranule = granule;
    offset = bodyEnd;
  }
  if (offset !== data.length || !first || lastGranule === null) return null;
  if (first.length >= 19 && first.subarray(0, 8).equals(OPUS_HEAD)) {
    const preSkip = first.readUInt16LE(10);
    const samples = Math.max(0, Number(lastGranule) - preSkip);
    return { codec: 'opus', granuleRate: OPUS_GRANULE_RATE, durationSeconds: samples / OPUS_GRANULE_RATE };
  }
  if (first.length >= 16 && first.subarray(0, 7).equals(VORBIS_ID)) {
    const rate = first.readUInt32LE(12);
    if (rate === 0) return null;
    return { codec: 'vorbis', granuleRate: rate, durationSeconds: Number(lastGranule) / rate };
  }
  return null;
}

/** Seconds an Ogg Opus or Vorbis file plays, or null when it is not one. */
export function oggDurationSeconds(bytes: Uint8Array): number | null {
  return oggAudioInfo(bytes)?.durationSeconds ?? null;
}
