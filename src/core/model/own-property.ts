/**
 * Record access by field name that treats every name as data: `__proto__`, `constructor` and
 * friends are ordinary Eden field or table names here, never the object's prototype chain.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The value stored under `key` itself, or undefined (never an inherited member). */
export function getOwn<T>(source: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(source, key) ? source[key] : undefined;
}
