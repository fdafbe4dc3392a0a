/**
 * A tiny real project with a real bug for pipeline tests: the greeting lacks its comma and
 * exclamation mark, so one of its two node:test tests fails on the base commit.
 */
export const GREETER_PROJECT: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'greeter', version: '1.0.0', scripts: { test: 'node --test' } }, null, 2),
  'src/greet.js': "exports.greet = (name) => 'Hello ' + name;\n",
  'test/greet.test.js': [
    "const test = require('node:test');",
    "const assert = require('node:assert');",
    "const { greet } = require('../src/greet');",
    "test('greets by name', () => assert.strictEqual(greet('Ada'), 'Hello, Ada!'));",
    "test('returns a string', () => assert.strictEqual(typeof greet('x'), 'string'));",
    '',
  ].join('\n'),
};

/** The edit that fixes the greeter, as the coding agent's edit_file arguments. */
export const GREETER_FIX = { path: 'src/greet.js', old: "'Hello ' + name", new: '`Hello, ${name}!`' };
