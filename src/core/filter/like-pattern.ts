function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The case-insensitive matcher of an Eden `like` value (spec 2.4): `*` matches any run of
 * characters and `?` one character, the whole value must match (SQL LIKE, no implicit `%`).
 * `%` and `_` are literal, since Eden escapes them before mapping the wildcards.
 */
export function likePattern(value: string): RegExp {
  let source = '';
  for (const char of value.toLowerCase()) {
    if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 'u');
}

/**
 * The matcher of a `belongs` (or list `eq`) item on a text field: `*` is a wildcard there too
 * (`S3ResourceQuery._query_belongs`), case-sensitive; without `*` it is plain equality.
 */
export function belongsPattern(value: string): RegExp | null {
  if (!value.includes('*')) return null;
  const source = value.split('*').map(escapeRegExp).join('[\\s\\S]*');
  return new RegExp(`^${source}$`, 'u');
}
