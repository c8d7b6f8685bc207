/** A problem document from the API (RFC 9457), with the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: {
      title?: string;
      detail?: string;
      errors?: { field: string; reason: string }[];
      possibleDuplicates?: Duplicate[];
      [key: string]: unknown;
    },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
  /** The reason given for one field, to show beside it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.reason;
  }
}

export interface Duplicate {
  id: string;
  memberNumber: string;
  nameLatin: string;
  birthDate: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The web app uses the same API as any machine; the session cookie carries the login. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(path, {
    ...rest,
    headers,
    credentials: 'same-origin',
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, body ?? {});
  return body as T;
}

export const query = (params: Record<string, string | number | boolean | undefined | null>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  schemeId: string | null;
  federationId: string | null;
  roles: string[];
  rights: string[];
  areaIds: string[];
  language: string | null;
}

export interface Member {
  id: string;
  memberNumber: string;
  householdId: string;
  relation: string;
  nameLocal: string | null;
  nameLatin: string;
  sex: 'F' | 'M';
  birthDate: string;
  nationalId: string | null;
  phone: string | null;
  employerId: string | null;
  factoryCardNumber: string | null;
  wage: number | null;
  groupId: string | null;
  areaId: string | null;
  assignedFacilityId: string | null;
  status: string;
  hasPhoto: boolean;
  version: number;
}

export interface Employer {
  id: string;
  code: string;
  name: string;
  registrationNumber: string | null;
  sector: string | null;
  address: string | null;
  areaId: string | null;
  latitude: number | null;
  longitude: number | null;
  contactName: string | null;
  contactPhone: string | null;
  enrolmentMode: 'voluntary' | 'automatic';
  productId: string | null;
  memberCount?: number;
}

export interface Group {
  id: string;
  code: string;
  name: string;
  kind: string;
  areaId: string | null;
  population: number | null;
}

export interface Area {
  id: string;
  parentId: string | null;
  level: string;
  code: string;
  name: string;
  nameLocal: string | null;
  population: number | null;
}

export interface Scheme {
  id: string;
  name: string;
  country: string;
  currency: string;
  currencyMinorUnits: number;
  languages: string[];
  memberPrefix: string;
}
