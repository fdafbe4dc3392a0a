/**
 * A stored base URL as members may see it: without a user name or password. The API refuses
 * them now, but rows stored before the check may still carry one, and every member can list
 * the organisation's credentials.
 */
export function stripUrlUserinfo(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not parsable (not stored through the API): cut anything between the scheme and an '@' anyway.
    return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  }
  if (url.username === '' && url.password === '') return value;
  url.username = '';
  url.password = '';
  return url.toString();
}
