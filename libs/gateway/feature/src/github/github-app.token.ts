/** The GitHub App client the gateway checks permissions and mirrors repositories with (null: app off). */
export const GITHUB_APP = Symbol('GITHUB_APP');
