import { decodeCounts, encodeCounts } from './count-table';
import { countWords, splitIdentifier, stem, termsOfText, termsOfWord } from './identifier-terms';

describe('identifier terms', () => {
  it('splits camelCase, PascalCase, acronyms, snake_case and digits', () => {
    expect(splitIdentifier('getHTTPResponse_code2')).toEqual(['get', 'http', 'response', 'code', '2']);
    expect(splitIdentifier('XMLParser')).toEqual(['xml', 'parser']);
    expect(splitIdentifier('parse_http_header')).toEqual(['parse', 'http', 'header']);
    expect(splitIdentifier('SANDBOX_LABELS')).toEqual(['sandbox', 'labels']);
  });

  it('stems inflections of one word to one term', () => {
    const forms = ['validate', 'validates', 'validated', 'validating', 'validation', 'validations'];
    expect(new Set(forms.map(stem))).toEqual(new Set(['validat']));
    expect(stem('summaries')).toBe(stem('summary'));
    expect(stem('parser')).toBe(stem('parse'));
    expect(stem('process')).toBe('process');
  });

  it('keeps the whole identifier beside its parts and drops stopwords', () => {
    expect(termsOfWord('getFileSummary')).toEqual(['get', 'file', 'summary', 'getfilesummary']);
    expect(termsOfWord('the')).toEqual([]);
    expect(termsOfText('Fix the warm pool refill')).toEqual(['fix', 'warm', 'pool', 'refill']);
  });

  it('counts words with case kept, including names of Object.prototype members', () => {
    const words = countWords('constructor toString toString x __proto__');
    expect([...words]).toEqual([
      ['constructor', 1],
      ['toString', 2],
      ['__proto__', 1],
    ]);
    expect(decodeCounts(encodeCounts(words))).toEqual(words);
  });
});
