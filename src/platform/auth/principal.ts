import type { Right } from '../rights/rights.js';

/** The caller of a request, as every route sees it once authentication has run. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  schemeId: string | null;
  federationId: string | null;
  roles: string[];
  rights: Set<Right>;
  /** Empty: the whole scheme. Otherwise the paths of the areas the user is limited to. */
  areaPaths: string[];
  areaIds: string[];
  language: string | null;
  /** How the caller proved who it is. */
  via: 'session' | 'api-token';
}
