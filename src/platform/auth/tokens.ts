import { createHash, randomBytes } from 'node:crypto';

/** Session tokens and API tokens look different so a log line tells which was used. */
export const newSessionToken = () => `rps_${randomBytes(32).toString('base64url')}`;
export const newApiToken = () => `rpt_${randomBytes(32).toString('base64url')}`;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
