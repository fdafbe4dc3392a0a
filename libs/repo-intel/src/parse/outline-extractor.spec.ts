import type { ParsedLanguage } from '../files/language';
import { grammarFor } from './grammar-registry';
import { extractOutline } from './outline-extractor';
import { callSites, commentTermCounts, type OutlineSymbol, type ParsedFile } from './parsed-file';

async function parse(language: ParsedLanguage, text: string, chunkChars = 1 << 20): Promise<ParsedFile> {
  return extractOutline(await grammarFor(language), text, chunkChars);
}

function brief(symbols: OutlineSymbol[]): string[] {
  return symbols.map(
    (s) =>
      `${s.kind} ${s.container ? `${s.container}.` : ''}${s.name} ${s.startLine}-${s.endLine}${s.exported ? ' exported' : ''}`,
  );
}

describe('extractOutline', () => {
  it('outlines TypeScript: classes with members, interfaces, types, enums, functions and exported constants', async () => {
    const parsed = await parse(
      'typescript',
      [
        "import { readFile as read, type Stats } from 'node:fs';", // 1
        "import * as path from './path';",
        "export { helper } from './helper';",
        '/** Says hello. */',
        'export class Greeter extends Base {', // 5
        '  private count = 0;',
        '  greet(name: string): string {',
        '    const inner = () => 1;',
        '    return format(name) + this.render();',
        '  }', // 10
        '  private render = () => "x";',
        '}',
        'export interface Options { loud: boolean }',
        'export type Name = string;',
        'enum Mode { A, B }', // 15
        'export function format(name: string) { return new Intl.ListFormat().format([name]); }',
        'export const shout = async (text: string) => text.toUpperCase();',
        'const LIMIT = 3;',
      ].join('\n'),
    );
    expect(brief(parsed.symbols)).toEqual([
      'class Greeter 5-12 exported',
      'method Greeter.greet 7-10 exported',
      'method Greeter.render 11-11 exported',
      'interface Options 13-13 exported',
      'type Name 14-14 exported',
      'enum Mode 15-15',
      'function format 16-16 exported',
      'function shout 17-17 exported',
      'variable LIMIT 18-18',
    ]);
    expect(parsed.imports).toEqual([
      { specifier: 'node:fs', line: 1, names: ['readFile', 'Stats'] },
      { specifier: './path', line: 2, names: [] },
      { specifier: './helper', line: 3, names: ['helper'] },
    ]);
    expect(callSites(parsed).map((c) => `${c.name}@${c.line}`)).toEqual(
      expect.arrayContaining(['format@9', 'render@9', 'ListFormat@16', 'toUpperCase@17']),
    );
    expect(commentTermCounts(parsed).get('hello')).toBe(1);
    expect(parsed.hasSyntaxErrors).toBe(false);
  });

  it('outlines TSX components and JavaScript with CommonJS exports and require', async () => {
    const tsx = await parse(
      'tsx',
      "import React from 'react';\nexport function Panel({ title }: { title: string }) {\n  return <h1>{title}</h1>;\n}\n",
    );
    expect(brief(tsx.symbols)).toEqual(['function Panel 2-4 exported']);
    expect(tsx.imports[0]).toEqual({ specifier: 'react', line: 1, names: ['React'] });

    const js = await parse(
      'javascript',
      "const { parse, format: fmt } = require('./lib/parser');\nclass Lexer { next() { return parse(this.text); } }\nfunction tokenize(text) { return new Lexer(text).next(); }\nmodule.exports = { tokenize, Lexer };\n",
    );
    expect(brief(js.symbols)).toEqual([
      'class Lexer 2-2 exported',
      'method Lexer.next 2-2 exported',
      'function tokenize 3-3 exported',
    ]);
    expect(js.imports).toEqual([{ specifier: './lib/parser', line: 1, names: ['parse', 'format'] }]);
    expect(js.exportedNames).toEqual(['Lexer', 'tokenize']);
  });

  it('outlines Python: classes, methods, decorated functions, imports and docstrings', async () => {
    const parsed = await parse(
      'python',
      [
        '"""Billing helpers."""',
        'import os, sys as system',
        'from .models import Invoice as Inv, Customer',
        'from ..shared import util',
        '',
        'class InvoiceService:',
        '    """Creates and totals invoices."""',
        '    def total(self, invoice):',
        '        return sum(line.amount for line in invoice.lines)',
        '',
        '    def _audit(self):',
        '        raise ValueError("invoice total does not match its lines")',
        '',
        '@cached',
        'def load_customer(customer_id):',
        '    return Customer.get(customer_id)',
        '',
        '_private_counter = 0',
      ].join('\n'),
    );
    expect(brief(parsed.symbols)).toEqual([
      'class InvoiceService 6-12 exported',
      'method InvoiceService.total 8-9 exported',
      'method InvoiceService._audit 11-12',
      'function load_customer 15-16 exported',
      'variable _private_counter 18-18',
    ]);
    expect(parsed.imports).toEqual([
      { specifier: 'os', line: 2, names: [] },
      { specifier: 'sys', line: 2, names: [] },
      { specifier: '.models', line: 3, names: ['Invoice', 'Customer'] },
      { specifier: '..shared', line: 4, names: ['util'] },
    ]);
    expect(parsed.messages).toContain('invoice total does not match its lines');
    expect(commentTermCounts(parsed).get('invoic')).toBeGreaterThanOrEqual(1);
    expect(callSites(parsed).map((c) => c.name)).toEqual(expect.arrayContaining(['sum', 'ValueError', 'get']));
  });

  it('outlines Go: package, structs, interfaces, methods with their receiver, and capitalised exports', async () => {
    const parsed = await parse(
      'go',
      [
        'package server',
        '',
        'import (',
        '\t"fmt"',
        '\tstore "example.com/shop/internal/store"',
        ')',
        '',
        'type Server struct{ db store.DB }',
        'type Handler interface{ Serve() error }',
        '',
        'func (s *Server) Start(port int) error {',
        '\tfmt.Println("starting the shop server")',
        '\treturn s.db.Open()',
        '}',
        '',
        'func helper() {}',
      ].join('\n'),
    );
    expect(parsed.packageName).toBe('server');
    expect(brief(parsed.symbols)).toEqual([
      'class Server 8-8 exported',
      'interface Handler 9-9 exported',
      'method Server.Start 11-14 exported',
      'function helper 16-16',
    ]);
    expect(parsed.imports.map((i) => i.specifier)).toEqual(['fmt', 'example.com/shop/internal/store']);
    expect(callSites(parsed).map((c) => c.name)).toEqual(['Println', 'Open']);
  });

  it('outlines Java: package, public and private members, nested types, static and wildcard imports', async () => {
    const parsed = await parse(
      'java',
      [
        'package com.shop.billing;',
        '',
        'import java.util.List;',
        'import static com.shop.util.Money.round;',
        'import com.shop.model.*;',
        '',
        'public class InvoiceService {',
        '    public InvoiceService() {}',
        '    public long total(List<Line> lines) { return round(sum(lines)); }',
        '    private long sum(List<Line> lines) { return new Adder().add(lines); }',
        '    enum Mode { FAST, SAFE }',
        '}',
      ].join('\n'),
    );
    expect(parsed.packageName).toBe('com.shop.billing');
    expect(brief(parsed.symbols)).toEqual([
      'class InvoiceService 7-12 exported',
      'method InvoiceService.InvoiceService 8-8 exported',
      'method InvoiceService.total 9-9 exported',
      'method InvoiceService.sum 10-10',
      'enum InvoiceService.Mode 11-11',
    ]);
    expect(parsed.imports).toEqual([
      { specifier: 'java.util.List', line: 3, names: ['List'] },
      { specifier: 'com.shop.util.Money', line: 4, names: ['round'] },
      { specifier: 'com.shop.model.*', line: 5, names: [] },
    ]);
    expect(callSites(parsed).map((c) => c.name)).toEqual(expect.arrayContaining(['round', 'sum', 'Adder', 'add']));
  });

  it('parses a file over the chunk size in pieces and keeps line numbers of the whole file', async () => {
    const functions = Array.from(
      { length: 400 },
      (_, i) => `export function step${i}(value: number): number {\n  return value + ${i};\n}\n`,
    );
    const text = functions.join('\n');
    const whole = await parse('typescript', text);
    const chunked = await parse('typescript', text, 4_000);
    expect(chunked.chunks).toBeGreaterThan(5);
    expect(whole.chunks).toBe(1);
    // Cuts fall between top-level functions, so the chunked outline equals the whole one.
    expect(chunked.symbols).toEqual(whole.symbols);
    expect(chunked.symbols[399]).toMatchObject({ name: 'step399', startLine: 1 + 399 * 4, endLine: 3 + 399 * 4 });
  });

  it('keeps words that are also Object.prototype members as ordinary comment terms', async () => {
    const parsed = await parse('javascript', '// the constructor and toString hooks\nfunction x() {}\n');
    expect(commentTermCounts(parsed).get('constructor')).toBe(1);
    expect(commentTermCounts(parsed).get('tostring')).toBe(1);
    expect(commentTermCounts(parsed).get('hook')).toBe(1);
  });
});
