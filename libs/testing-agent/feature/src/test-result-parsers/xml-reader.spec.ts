import { readXmlElements, XmlSyntaxError } from './xml-reader';

describe('readXmlElements', () => {
  it('reads elements, attributes, entities, CDATA and skips declarations and comments', () => {
    const [root] = readXmlElements(
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><!-- c --><r a="1 &lt; 2" b=\'&#x41;&#66;\'><c>t &amp; u<![CDATA[<raw> & ]]></c><d/></r>',
    );
    expect(root.attributes).toEqual({ a: '1 < 2', b: 'AB' });
    expect(root.children.map((c) => c.name)).toEqual(['c', 'd']);
    expect(root.children[0].text).toBe('t & u<raw> & ');
  });

  it('accepts several documents one after another', () => {
    expect(readXmlElements('<?xml version="1.0"?><a/>\n<?xml version="1.0"?><b></b>').map((e) => e.name)).toEqual([
      'a',
      'b',
    ]);
  });

  it('rejects mismatched tags, unclosed elements and unknown entities', () => {
    expect(() => readXmlElements('<a><b></a>')).toThrow(XmlSyntaxError);
    expect(() => readXmlElements('<a><b/>')).toThrow('element <a> is not closed');
    expect(() => readXmlElements('<a>&nbsp;</a>')).toThrow('unknown entity');
  });
});
