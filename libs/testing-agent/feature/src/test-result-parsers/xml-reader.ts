export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (text and CDATA), entities decoded. */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A small, strict reader for the XML that test reporters write (JUnit reports): elements,
 * attributes, text, CDATA, comments, processing instructions and a DOCTYPE to skip. It accepts
 * several documents one after another, because Maven writes one report per test class and they
 * are read in one go. No namespaces, no DTD entities: reports do not use them.
 */
export function readXmlElements(source: string): XmlElement[] {
  const reader = new Reader(source);
  return reader.readAll();
}

class Reader {
  private position = 0;

  constructor(private readonly source: string) {}

  readAll(): XmlElement[] {
    const roots: XmlElement[] = [];
    const stack: XmlElement[] = [];
    while (this.position < this.source.length) {
      const lt = this.source.indexOf('<', this.position);
      const textEnd = lt < 0 ? this.source.length : lt;
      if (textEnd > this.position) {
        const text = this.source.slice(this.position, textEnd);
        if (stack.length > 0) stack[stack.length - 1].text += decodeEntities(text, this.position);
        else if (text.trim()) throw new XmlSyntaxError('text outside any element', this.position);
        this.position = textEnd;
        continue;
      }
      if (this.startsWith('<?')) this.skipPast('?>');
      else if (this.startsWith('<!--')) this.skipPast('-->');
      else if (this.startsWith('<![CDATA[')) {
        const end = this.source.indexOf(']]>', this.position);
        if (end < 0) throw new XmlSyntaxError('unterminated CDATA section', this.position);
        if (stack.length === 0) throw new XmlSyntaxError('CDATA outside any element', this.position);
        stack[stack.length - 1].text += this.source.slice(this.position + '<![CDATA['.length, end);
        this.position = end + 3;
      } else if (this.startsWith('<!')) this.skipDeclaration();
      else if (this.startsWith('</')) {
        this.position += 2;
        const name = this.readName();
        this.skipWhitespace();
        this.expect('>');
        const open = stack.pop();
        if (!open || open.name !== name)
          throw new XmlSyntaxError(`closing tag </${name}> does not match <${open?.name ?? ''}>`, this.position);
        if (stack.length === 0) roots.push(open);
      } else {
        const { element, selfClosing } = this.readStartTag();
        if (stack.length > 0) stack[stack.length - 1].children.push(element);
        if (!selfClosing) stack.push(element);
        else if (stack.length === 0) roots.push(element);
      }
    }
    if (stack.length > 0)
      throw new XmlSyntaxError(`element <${stack[stack.length - 1].name}> is not closed`, this.position);
    return roots;
  }

  private readStartTag(): { element: XmlElement; selfClosing: boolean } {
    this.position += 1;
    const element: XmlElement = { name: this.readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      this.skipWhitespace();
      if (this.startsWith('/>')) {
        this.position += 2;
        return { element, selfClosing: true };
      }
      if (this.startsWith('>')) {
        this.position += 1;
        return { element, selfClosing: false };
      }
      const name = this.readName();
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      const quote = this.source[this.position];
      if (quote !== '"' && quote !== "'")
        throw new XmlSyntaxError(`attribute ${name} has no quoted value`, this.position);
      const end = this.source.indexOf(quote, this.position + 1);
      if (end < 0) throw new XmlSyntaxError(`attribute ${name} is not terminated`, this.position);
      element.attributes[name] = decodeEntities(this.source.slice(this.position + 1, end), this.position + 1);
      this.position = end + 1;
    }
  }

  private readName(): string {
    const start = this.position;
    while (this.position < this.source.length && isNameChar(this.source[this.position])) this.position += 1;
    if (this.position === start) throw new XmlSyntaxError('expected a name', start);
    return this.source.slice(start, this.position);
  }

  /** `<!DOCTYPE …>` possibly with an internal subset in brackets. */
  private skipDeclaration(): void {
    let depth = 0;
    for (let index = this.position + 2; index < this.source.length; index += 1) {
      const char = this.source[index];
      if (char === '[') depth += 1;
      else if (char === ']') depth -= 1;
      else if (char === '>' && depth <= 0) {
        this.position = index + 1;
        return;
      }
    }
    throw new XmlSyntaxError('unterminated declaration', this.position);
  }

  private skipPast(terminator: string): void {
    const end = this.source.indexOf(terminator, this.position);
    if (end < 0) throw new XmlSyntaxError(`missing ${terminator}`, this.position);
    this.position = end + terminator.length;
  }

  private skipWhitespace(): void {
    while (this.position < this.source.length && isWhitespace(this.source[this.position])) this.position += 1;
  }

  private expect(char: string): void {
    if (this.source[this.position] !== char) throw new XmlSyntaxError(`expected "${char}"`, this.position);
    this.position += 1;
  }

  private startsWith(text: string): boolean {
    return this.source.startsWith(text, this.position);
  }
}

function decodeEntities(text: string, offset: number): string {
  if (!text.includes('&')) return text;
  let out = '';
  let index = 0;
  while (index < text.length) {
    const amp = text.indexOf('&', index);
    if (amp < 0) {
      out += text.slice(index);
      break;
    }
    out += text.slice(index, amp);
    const semicolon = text.indexOf(';', amp);
    if (semicolon < 0) throw new XmlSyntaxError('unterminated entity reference', offset + amp);
    const entity = text.slice(amp + 1, semicolon);
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      out += codePoint(Number.parseInt(entity.slice(2), 16), offset + amp);
    else if (entity.startsWith('#')) out += codePoint(Number.parseInt(entity.slice(1), 10), offset + amp);
    else if (entity in NAMED_ENTITIES) out += NAMED_ENTITIES[entity];
    else throw new XmlSyntaxError(`unknown entity &${entity};`, offset + amp);
    index = semicolon + 1;
  }
  return out;
}

function codePoint(value: number, offset: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0x10ffff)
    throw new XmlSyntaxError('invalid character reference', offset);
  return String.fromCodePoint(value);
}

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t';
}

function isNameChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    char === '_' ||
    char === '-' ||
    char === '.' ||
    char === ':' ||
    code > 0x7f
  );
}

/** Every descendant (and the element itself) with the given name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    if (node.name === name) found.push(node);
    node.children.forEach(visit);
  };
  visit(element);
  return found;
}
