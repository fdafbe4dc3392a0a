import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The offline demo: a small real project with a real bug and a test suite that shows it, plus
 * the recorded model turns that fix it. Plain JavaScript with node:test, because sandboxes have
 * no network by default and this suite must run without installing anything.
 */
export const DEMO_REPOSITORY = 'patchbay/demo-invoice';
export const DEMO_PROMPT = 'Fix the failing test: invoice totals must include tax on discounted amounts';

export const DEMO_FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'demo-invoice', version: '1.0.0', private: true, scripts: { test: 'node --test' } }, null, 2)}\n`,
  'README.md': '# demo-invoice\n\nComputes invoice totals. Run the tests with `npm test`.\n',
  'src/invoice.js': [
    '/** Sum of line amounts after the discount, plus tax on the discounted amount. */',
    'function invoiceTotal(lines, { discount = 0, taxRate = 0 } = {}) {',
    '  const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);',
    '  const discounted = subtotal - discount;',
    '  const tax = subtotal * taxRate;',
    '  return Math.round((discounted + tax) * 100) / 100;',
    '}',
    '',
    'module.exports = { invoiceTotal };',
    '',
  ].join('\n'),
  'test/invoice.test.js': [
    "const test = require('node:test');",
    "const assert = require('node:assert');",
    "const { invoiceTotal } = require('../src/invoice');",
    '',
    "test('adds up line amounts', () => {",
    '  assert.strictEqual(invoiceTotal([{ quantity: 2, unitPrice: 10 }, { quantity: 1, unitPrice: 5 }]), 25);',
    '});',
    '',
    "test('applies tax to the discounted amount', () => {",
    '  assert.strictEqual(invoiceTotal([{ quantity: 1, unitPrice: 100 }], { discount: 20, taxRate: 0.1 }), 88);',
    '});',
    '',
  ].join('\n'),
};

export const DEMO_MODEL_SCRIPT = {
  label: 'offline demo (scripted model)',
  // Recorded for the demo task only: any other prompt is refused with how to configure a model.
  prompts: [DEMO_PROMPT],
  turns: [
    {
      role: 'planner',
      toolCalls: [
        {
          name: 'submit_plan',
          args: {
            summary:
              'Tax is computed on the subtotal instead of the discounted amount; compute it on the discounted amount.',
            steps: [
              {
                id: '1',
                title: 'Read src/invoice.js and the failing test',
                detail: 'Confirm where tax is computed.',
                files: ['src/invoice.js', 'test/invoice.test.js'],
              },
              {
                id: '2',
                title: 'Compute tax on the discounted amount',
                detail: 'Change `subtotal * taxRate` to `discounted * taxRate`.',
                files: ['src/invoice.js'],
              },
            ],
          },
        },
      ],
    },
    { role: 'coder', toolCalls: [{ name: 'read_file', args: { path: 'src/invoice.js' } }] },
    {
      role: 'coder',
      toolCalls: [
        {
          name: 'edit_file',
          args: {
            path: 'src/invoice.js',
            old: 'const tax = subtotal * taxRate;',
            new: 'const tax = discounted * taxRate;',
          },
        },
      ],
    },
    { role: 'coder', toolCalls: [{ name: 'run_command', args: { command: 'npm test' } }] },
    { role: 'coder', content: 'Tax is now computed on the discounted amount; both tests pass.' },
  ],
};

/** Writes the demo's model script into DATA_DIR for the scripted provider; returns its path. */
export function writeDemoModelScript(dataDir: string): string {
  const file = path.resolve(dataDir, 'demo', 'model-script.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(DEMO_MODEL_SCRIPT, null, 2));
  return file;
}
