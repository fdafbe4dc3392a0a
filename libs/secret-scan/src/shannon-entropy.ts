/** Shannon entropy of a string in bits per character (0 for one repeated character). */
export function shannonEntropy(value: string): number {
  const characters = Array.from(value);
  if (characters.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const probability = count / characters.length;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}
