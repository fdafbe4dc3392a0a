/** The GitHub App client (or null when the app is not configured) the github agent publishes with. */
export const GITHUB_APP_CLIENT = Symbol('GITHUB_APP_CLIENT');
