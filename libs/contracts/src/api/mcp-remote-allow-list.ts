/**
 * Whether a remote MCP server's URL is at an allowed origin: https only, and scheme, host and port
 * exactly as an admin listed them (no suffix or prefix matching, which a look-alike host defeats).
 * A listed origin is a statement about a name; the address it resolves to is checked again where
 * a connection is made (libs/network-address refuses private and loopback addresses there).
 */
export function isOnAllowList(url: string, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  return allowedOrigins.some((origin) => {
    try {
      return new URL(origin).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}
