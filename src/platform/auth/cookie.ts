export const SESSION_COOKIE = 'riskpool_session';
