const MASK = '••••';

/**
 * The only part of a stored credential the API may show. Secrets of four characters or fewer
 * would be revealed whole, so nothing of them is shown.
 */
export function lastFour(secret: string): string {
  const characters = Array.from(secret);
  return characters.length > 4 ? characters.slice(-4).join('') : '';
}

/** `••••abcd`: recognisable to the owner, useless to anyone else. */
export function maskSecret(secret: string): string {
  return `${MASK}${lastFour(secret)}`;
}
