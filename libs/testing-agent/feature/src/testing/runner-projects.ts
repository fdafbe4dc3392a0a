/**
 * Small projects the runner specs run for real in the sandbox. Each has the same bug — `mul` adds —
 * and asks its runner to bail at the first failure (`--bail`, a config's `bail`, pytest's `-x` in
 * addopts), so a baseline that honoured it would record one failure of several.
 */
const CALC_JS = 'exports.sum = (a, b) => a + b;\nexports.mul = (a, b) => a + b;\n';
export const FIXED_CALC_JS = 'exports.sum = (a, b) => a + b;\nexports.mul = (a, b) => a * b;\n';

/**
 * mocha, jest and uvu in one project, so one dependency install (registries egress) serves all
 * three; `test` runs mocha after a `pretest` check that fails, and `lint` calls an eslint the
 * project does not install (the node image has Debian's ESLint 6, which cannot read a flat config).
 */
export const NODE_RUNNERS_PROJECT: Record<string, string> = {
  'package.json': JSON.stringify(
    {
      name: 'calc',
      version: '1.0.0',
      scripts: {
        pretest: 'node scripts/check-headers.js',
        test: 'mocha --bail',
        'test:jest': 'jest --bail',
        'test:uvu': 'uvu uvu-tests',
        lint: 'eslint .',
      },
      jest: { roots: ['<rootDir>/jest-tests'], bail: 1 },
      devDependencies: { jest: '29.7.0', mocha: '10.8.2', uvu: '0.5.6' },
    },
    null,
    2,
  ),
  '.gitignore': 'node_modules/\npackage-lock.json\n',
  '.mocharc.json': JSON.stringify({ bail: true, spec: 'test/**/*.spec.js' }),
  'eslint.config.js': 'module.exports = [];\n',
  'calc.js': CALC_JS,
  'scripts/check-headers.js': "console.error('calc.js: missing licence header');\nprocess.exit(1);\n",
  'test/calc.spec.js': [
    "const assert = require('node:assert');",
    "const { sum, mul } = require('../calc');",
    "describe('calc', () => {",
    "  it('multiplies', () => assert.strictEqual(mul(3, 4), 12));",
    "  it('adds', () => assert.strictEqual(sum(2, 3), 5));",
    '});',
    '',
  ].join('\n'),
  'test/zero.spec.js': [
    "const assert = require('node:assert');",
    "const { mul } = require('../calc');",
    "it('multiplies by zero', () => assert.strictEqual(mul(3, 0), 0));",
    '',
  ].join('\n'),
  'jest-tests/calc.test.js': [
    "const { sum, mul } = require('../calc');",
    "test('multiplies', () => expect(mul(3, 4)).toBe(12));",
    "test('adds', () => expect(sum(2, 3)).toBe(5));",
    '',
  ].join('\n'),
  'jest-tests/zero.test.js': [
    "const { mul } = require('../calc');",
    "test('multiplies by zero', () => expect(mul(3, 0)).toBe(0));",
    '',
  ].join('\n'),
  'uvu-tests/calc.js': [
    "const { test, suite } = require('uvu');",
    "const assert = require('uvu/assert');",
    "const { sum, mul } = require('../calc');",
    "test('adds', () => assert.is(sum(2, 3), 5));",
    'test.run();',
    "const Mul = suite('mul');",
    "Mul('multiplies', () => assert.is(mul(3, 4), 12));",
    "Mul('multiplies by zero', () => assert.is(mul(3, 0), 0));",
    'Mul.run();',
    '',
  ].join('\n'),
};

/** node:test needs no install: `lint && node --test`, where the lint step is a script that fails. */
export const NODE_TEST_PROJECT: Record<string, string> = {
  'package.json': JSON.stringify(
    { name: 'calc', version: '1.0.0', scripts: { test: 'npm run lint && node --test', lint: 'node scripts/lint.js' } },
    null,
    2,
  ),
  'calc.js': CALC_JS,
  'scripts/lint.js': "console.log('calc.js:2:25: prefer-multiplication mul should multiply');\nprocess.exit(1);\n",
  'test/calc.test.js': [
    "const test = require('node:test');",
    "const assert = require('node:assert');",
    "const { sum, mul } = require('../calc');",
    "test('adds', () => assert.strictEqual(sum(2, 3), 5));",
    "test('multiplies', () => assert.strictEqual(mul(3, 4), 12));",
    '',
  ].join('\n'),
};

/** pytest with `-x` in its configuration, unittest tests beside, and a ruff config for a ruff the image does not have. */
export const PYTHON_PROJECT: Record<string, string> = {
  'pytest.ini': '[pytest]\naddopts = -x\n',
  'ruff.toml': 'line-length = 100\n',
  'calc.py': 'def mul(a, b):\n    return a + b\n',
  'tests/__init__.py': '',
  'tests/test_calc.py':
    'from calc import mul\n\n\ndef test_mul():\n    assert mul(3, 4) == 12\n\n\ndef test_mul_zero():\n    assert mul(3, 0) == 0\n\n\ndef test_mul_one():\n    assert mul(2, 2) == 4\n',
  'tests/test_unit.py': [
    'import unittest',
    '',
    'from calc import mul',
    '',
    '',
    'class TestMul(unittest.TestCase):',
    '    def test_mul(self):',
    '        self.assertEqual(mul(3, 4), 12)',
    '',
    '    def test_mul_one(self):',
    '        self.assertEqual(mul(2, 2), 4)',
    '',
  ].join('\n'),
};

/** go test and go vet. */
export const GO_PROJECT: Record<string, string> = {
  'go.mod': 'module example.com/calc\n\ngo 1.19\n',
  'calc/calc.go':
    'package calc\n\nfunc Mul(a, b int) int { return a + b }\n\nfunc Sum(a, b int) int { return a + b }\n',
  'calc/calc_test.go': [
    'package calc',
    '',
    'import "testing"',
    '',
    'func TestMul(t *testing.T) {',
    '\tif got := Mul(3, 4); got != 12 {',
    '\t\tt.Fatalf("Mul(3, 4) = %d", got)',
    '\t}',
    '}',
    '',
    'func TestSum(t *testing.T) {',
    '\tif got := Sum(2, 3); got != 5 {',
    '\t\tt.Fatalf("Sum(2, 3) = %d", got)',
    '\t}',
    '}',
    '',
  ].join('\n'),
};
