import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../api';

export interface Collector {
  id: string;
  code: string;
  name: string;
  kind: 'commune_council' | 'hef_operator' | 'agent';
  commissionBp: number;
  username: string | null;
  active: boolean;
}

export interface Campaign {
  id: string;
  name: string;
  groupId: string;
  groupName: string;
  productId: string;
  cycleStart: string;
  opensOn: string;
  closesOn: string;
  thresholdBp: number;
  progress: {
    households: number;
    intending: number;
    intendingPersons: number;
    intentionRateBp: number;
    thresholdMet: boolean;
    paid: number;
    paidPersons: number;
    collected: number;
  };
}

export function useCollectors() {
  return useQuery({
    queryKey: ['/api/v1/collectors'],
    queryFn: () => api<Page<Collector>>('/api/v1/collectors?limit=500'),
  });
}

export function useCampaigns() {
  return useQuery({
    queryKey: ['/api/v1/campaigns'],
    queryFn: () => api<Page<Campaign>>('/api/v1/campaigns?limit=200'),
  });
}

/** Basis points as a percentage a person reads: 6666 → 66.66 %. */
export const percent = (bp: number) => `${(bp / 100).toLocaleString()} %`;
