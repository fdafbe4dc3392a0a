import {
  dateRangeError,
  filtersFromSearch,
  hasFilters,
  historyQuery,
  NO_FILTERS,
  searchOfFilters,
  startOfDay,
} from './history-filters';

test('no filters ask for everything', () => {
  expect(historyQuery(NO_FILTERS)).toStrictEqual({});
  expect(hasFilters(NO_FILTERS)).toBe(false);
  expect(hasFilters({ ...NO_FILTERS, search: '   ' })).toBe(false);
});

test('each filter maps to its query parameter; the search is trimmed', () => {
  const query = historyQuery({
    status: 'failed',
    repository: 'acme/greeter',
    author: '00000000-0000-4000-8000-0000000000b1',
    from: '',
    to: '',
    search: '  greeting ',
  });
  expect(query).toStrictEqual({
    status: 'failed',
    repository: 'acme/greeter',
    createdBy: '00000000-0000-4000-8000-0000000000b1',
    search: 'greeting',
  });
});

test('days are local: from its first moment, to the end of the "to" day', () => {
  const query = historyQuery({ ...NO_FILTERS, from: '2025-03-01', to: '2025-03-31' });
  expect(query.createdFrom).toBe(new Date(2025, 2, 1).toISOString());
  expect(query.createdBefore).toBe(new Date(2025, 3, 1).toISOString());
  // Across a month and a year end.
  expect(startOfDay('2024-12-31', 1)).toBe(new Date(2025, 0, 1).toISOString());
  expect(startOfDay('31/12/2024')).toBeNull();
});

test('a reversed range is reported', () => {
  expect(dateRangeError({ ...NO_FILTERS, from: '2025-03-02', to: '2025-03-01' })).toBe(
    'The "from" day is after the "to" day.',
  );
  expect(dateRangeError({ ...NO_FILTERS, from: '2025-03-01', to: '2025-03-01' })).toBeNull();
});

test('the filters live in the page address: written and read back unchanged, empty ones left out', () => {
  const filters = {
    ...NO_FILTERS,
    status: 'failed' as const,
    repository: 'acme/greeter',
    from: '2025-03-01',
    search: 'tax & discount',
  };
  const search = searchOfFilters(filters);
  expect(search).toBe('?status=failed&repository=acme%2Fgreeter&from=2025-03-01&q=tax+%26+discount');
  expect(filtersFromSearch(search)).toStrictEqual(filters);
  expect(searchOfFilters(NO_FILTERS)).toBe('');
  expect(filtersFromSearch('')).toStrictEqual(NO_FILTERS);
});

test('an address with values the form cannot hold gives the form nothing for them', () => {
  expect(filtersFromSearch('?status=sideways&from=2025-13-45&to=yesterday&author=u1&extra=1')).toStrictEqual({
    ...NO_FILTERS,
    author: 'u1',
  });
});
