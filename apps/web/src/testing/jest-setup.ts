// Runs before every web component spec file (jest.config.js, project "web").
import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default; the full suite runs beside Postgres, RabbitMQ and
// gVisor on two cores, where a first render with its queries can take longer. Only a failing
// spec waits the whole 5 s.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  jest.restoreAllMocks();
});
