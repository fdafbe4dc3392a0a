import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateRangeError, filtersFromSearch, hasFilters, historyQuery, NO_FILTERS, searchOfFilters, startOfDay } from './history-filters';

test('no filters ask for everything', () => {
  assert.deepEqual(historyQuery(NO_FILTERS), {});
  assert.equal(hasFilters(NO_FILTERS), false);
  assert.equal(hasFilters({ ...NO_FILTERS, search: '   ' }), false);
});

test('each filter maps to its query parameter; the search is trimmed', () => {
  const query = historyQuery({ status: 'failed', repository: 'acme/greeter', author: '00000000-0000-4000-8000-0000000000b1', from: '', to: '', search: '  greeting ' });
  assert.deepEqual(query, { status: 'failed', repository: 'acme/greeter', createdBy: '00000000-0000-4000-8000-0000000000b1', search: 'greeting' });
});

test('days are local: from its first moment, to the end of the "to" day', () => {
  const query = historyQuery({ ...NO_FILTERS, from: '2025-03-01', to: '2025-03-31' });
  assert.equal(query.createdFrom, new Date(2025, 2, 1).toISOString());
  assert.equal(query.createdBefore, new Date(2025, 3, 1).toISOString());
  // Across a month and a year end.
  assert.equal(startOfDay('2024-12-31', 1), new Date(2025, 0, 1).toISOString());
  assert.equal(startOfDay('31/12/2024'), null);
});

test('a reversed range is reported', () => {
  assert.equal(dateRangeError({ ...NO_FILTERS, from: '2025-03-02', to: '2025-03-01' }), 'The "from" day is after the "to" day.');
  assert.equal(dateRangeError({ ...NO_FILTERS, from: '2025-03-01', to: '2025-03-01' }), null);
});

test('the filters live in the page address: written and read back unchanged, empty ones left out', () => {
  const filters = { ...NO_FILTERS, status: 'failed' as const, repository: 'acme/greeter', from: '2025-03-01', search: 'tax & discount' };
  const search = searchOfFilters(filters);
  assert.equal(search, '?status=failed&repository=acme%2Fgreeter&from=2025-03-01&q=tax+%26+discount');
  assert.deepEqual(filtersFromSearch(search), filters);
  assert.equal(searchOfFilters(NO_FILTERS), '');
  assert.deepEqual(filtersFromSearch(''), NO_FILTERS);
});

test('an address with values the form cannot hold gives the form nothing for them', () => {
  assert.deepEqual(filtersFromSearch('?status=sideways&from=2025-13-45&to=yesterday&author=u1&extra=1'), { ...NO_FILTERS, author: 'u1' });
});
