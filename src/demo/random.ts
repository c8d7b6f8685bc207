// The generator lives in platform: survey samples draw from it too.
export { seeded, type Random } from '../platform/random.js';
