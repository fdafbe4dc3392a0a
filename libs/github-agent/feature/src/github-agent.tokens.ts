/** The GitHub App client (or null when the app is not configured) the github agent publishes with. */
export const GITHUB_APP_CLIENT = Symbol('GITHUB_APP_CLIENT');

/** The GithubPublisher over that client, or null without one. */
export const GITHUB_PUBLISHER = Symbol('GITHUB_PUBLISHER');
