import type { Clock } from '../../src/ports/clock.js';
import type { DemoUser } from './basic-auth.js';
import type { PeerStore } from './peer-store.js';

/** What the demo peer's handlers share. */
export type PeerContext = {
  readonly peer: PeerStore;
  readonly clock: Clock;
  readonly users: readonly DemoUser[];
  /** Largest accepted push body, in bytes. */
  readonly maxBodyBytes: number;
};
