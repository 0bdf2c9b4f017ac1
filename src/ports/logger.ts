/** Diagnostic logger. Never pass credentials, URLs with userinfo or Authorization headers. */
export interface Logger {
  debug(message: string, details?: Readonly<Record<string, unknown>>): void;
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
}

export const silentLogger: Logger = { debug: () => undefined, warn: () => undefined };
