import { Parser } from 'web-tree-sitter';
import { grammarLanguage } from './grammar-registry';

describe('grammarLanguage', () => {
  it('loads grammars asked for at the same time, each one usable', async () => {
    // A fresh module registry per spec file: none of these grammars is loaded yet.
    const grammars = ['typescript', 'tsx', 'javascript', 'json', 'python', 'go', 'java'];
    const languages = await Promise.all(grammars.map((grammar) => grammarLanguage(grammar)));
    const roots = languages.map((language) => {
      const tree = new Parser().setLanguage(language).parse('x')!;
      const type = tree.rootNode.type;
      tree.delete();
      return type;
    });
    expect(roots).toEqual(['program', 'program', 'program', 'document', 'module', 'source_file', 'program']);
    expect(await grammarLanguage('tsx')).toBe(languages[1]);
  });
});
