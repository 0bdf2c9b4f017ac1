/** Login of one Eden account (the username is the account e-mail, spec 2.2). */
export type Credentials = { readonly username: string; readonly password: string };

/** `Basic base64(utf8(user:password))`, as web2py's `auth.basic()` expects. */
export function basicAuthHeader(credentials: Credentials): string {
  const bytes = new TextEncoder().encode(`${credentials.username}:${credentials.password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/**
 * A function that blanks every occurrence of the secrets (password, base64 token) in a text,
 * for any string that may leave the adapter (error details from the peer or from `fetch`).
 */
export function secretRedactor(credentials: Credentials | null): (text: string) => string {
  if (!credentials) return (text) => text;
  const header = basicAuthHeader(credentials);
  const secrets = [header, header.slice('Basic '.length), encodeURIComponent(credentials.password), credentials.password]
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((acc, secret) => acc.split(secret).join('[redacted]'), text);
}
