export { formatEdenDateTime, isEdenMsince, parseEdenDateTime, toNaiveUtcSeconds } from './eden-date-time.js';
