import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../api';

export interface Reason {
  code: string;
  message: string;
  line?: number;
}

export interface Claim {
  id: string;
  number: string;
  externalId: string;
  facilityId: string;
  facilityName: string;
  memberId: string;
  memberNumber: string;
  nameLatin: string;
  category: string;
  caseCode: string | null;
  diagnosis: string | null;
  admittedOn: string;
  dischargedOn: string | null;
  claimed: number;
  proposed: number;
  approved: number;
  memberPays: number;
  mechanism: string | null;
  status: 'approved' | 'partly_approved' | 'rejected' | 'review';
  reasons: Reason[];
  riskScore: number;
  audit: 'none' | 'drawn' | 'audited';
  lines: { code: string; quantity: number; unitPrice: number; claimed: number; approved: number; reasons: Reason[] }[];
  reviews: { kind: string; action: string; amount: number; reason: string; reviewedAt: string; reviewedBy: string }[];
  submittedAt: string;
  submittedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  paymentRunId: string | null;
}

export interface Facility {
  id: string;
  code: string;
  name: string;
  ownership: 'public' | 'private';
}

export interface CareCase {
  code: string;
  name: string;
  category: string;
  procedures: string[];
  averageCost: number;
}

export interface PriceList {
  id: string;
  code: string;
  name: string;
  items: { code: string; name: string; kind: string; price: number }[];
}

export const useFacilities = () =>
  useQuery({
    queryKey: ['/api/v1/facilities', 'all'],
    queryFn: () => api<Page<Facility>>('/api/v1/facilities?limit=500'),
  });

export const useCategories = () =>
  useQuery({
    queryKey: ['/api/v1/care-categories'],
    queryFn: () => api<{ items: { code: string; name: string; setting: string }[] }>('/api/v1/care-categories'),
  });

export const useCases = (enabled = true) =>
  useQuery({
    queryKey: ['/api/v1/care-cases'],
    enabled,
    queryFn: () => api<{ items: CareCase[] }>('/api/v1/care-cases'),
  });

export const usePriceLists = (enabled = true) =>
  useQuery({
    queryKey: ['/api/v1/price-lists'],
    enabled,
    queryFn: () => api<Page<PriceList>>('/api/v1/price-lists?limit=500'),
  });

/** A file's bytes as base64, for a receipt sent in JSON. */
export const base64Of = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};
