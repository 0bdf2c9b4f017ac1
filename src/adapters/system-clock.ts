import type { Clock } from '../ports/clock.js';

/** The device clock, for the entry points that wire the engine (the engine never reads it itself). */
export const systemClock: Clock = { now: () => Date.now() };
