/** Time source, injected so that the engine never reads `Date.now` itself. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}
