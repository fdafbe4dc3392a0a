// Runs before every web component spec file (jest.config.js, project "web").
afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  jest.restoreAllMocks();
});
