// Jest resolves with the `require` export condition. Packages that export only an `import`
// entry (Octokit's) then look missing; retry those with `import` so the ESM file is found and
// transpiled by the transform configured in jest.config.js.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (request.startsWith('.') || request.startsWith('/')) throw error;
    return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
  }
};
