/** What the care API answers (src/care), as the pages use it. */

export interface TicketCategory {
  code: string;
  name: string;
  deadlineHours: number;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  active: boolean;
}

export const CHANNELS = ['hotline', 'sms', 'web', 'factory_visit', 'facility', 'follow_up'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export interface Ticket {
  id: string;
  number: string;
  channel: (typeof CHANNELS)[number];
  category: string;
  categoryName: string;
  priority: (typeof PRIORITIES)[number];
  state: 'open' | 'in_progress' | 'resolved';
  level: number;
  overdue: boolean;
  description: string;
  callerName: string | null;
  callerPhone: string | null;
  member: { id: string; memberNumber: string; nameLatin: string } | null;
  facility: { id: string; name: string } | null;
  employer: { id: string; name: string } | null;
  claim: { id: string; number: string } | null;
  assignedTo: { id: string; username: string } | null;
  openedAt: string;
  dueAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  withinDeadline: boolean | null;
  memberInformedAt: string | null;
  version: number;
  events?: { at: string; kind: string; by: string | null; note: string | null }[];
}

interface Breakdown {
  key: string | null;
  name: string;
  tickets: number;
  perThousandMembers: number | null;
  resolved: number;
  meanHoursToResolve: number | null;
  withinDeadlineShare: number | null;
}

export interface TicketFigures {
  from: string;
  to: string;
  members: number;
  tickets: number;
  perThousandMembers: number | null;
  resolved: number;
  unresolved: number;
  overdue: number;
  meanHoursToResolve: number | null;
  medianHoursToResolve: number | null;
  withinDeadlineShare: number | null;
  byCategory: Breakdown[];
  byFacility: Breakdown[];
  byEmployer: Breakdown[];
}

export const DIMENSIONS = [
  'registration',
  'co_payments',
  'contributions',
  'access_to_benefits',
  'awareness',
  'quality_of_care',
] as const;
export const QUESTION_TYPES = ['likert', 'yes_no', 'single_choice', 'free_text'] as const;
export type Texts = Partial<Record<'en' | 'fr' | 'km' | 'vi', string>>;

export interface Question {
  code: string;
  dimension: string;
  type: (typeof QUESTION_TYPES)[number];
  text: Texts;
  positive?: 'yes' | 'no';
  options?: { code: string; text: Texts; score?: number }[];
  required: boolean;
}

export interface Survey {
  id: string;
  name: string;
  round: string;
  previousId: string | null;
  state: 'draft' | 'open' | 'closed';
  questions: Question[];
  sample: {
    size: number;
    stratifyBy: string;
    seed: number;
    population: number;
    strata: { key: string; name: string; population: number; drawn: number }[];
  } | null;
  counts: { sampled: number; answered: number; refused: number; unreachable: number; pending: number };
  smsReady: boolean;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface SampledMember {
  memberId: string;
  position: number;
  stratum: string;
  memberNumber: string;
  nameLatin: string;
  nameLocal: string | null;
  phone: string | null;
  state: 'pending' | 'answered' | 'refused' | 'unreachable';
  channel: string | null;
  answeredAt: string | null;
  link: string;
}

export interface Interval {
  low: number;
  high: number;
}

export interface SurveyResults {
  surveyId: string;
  round: string;
  sampled: number;
  answered: number;
  responseRate: number | null;
  previousRound: string | null;
  dimensions: {
    dimension: string;
    respondents: number;
    meanScore: number | null;
    meanInterval: Interval | null;
    satisfiedShare: number | null;
    satisfiedInterval: Interval | null;
    previous: {
      respondents: number;
      meanScore: number | null;
      satisfiedShare: number | null;
      meanChange: number | null;
      satisfiedChange: number | null;
      significant: boolean;
    } | null;
  }[];
  questions: {
    code: string;
    dimension: string;
    type: string;
    answers: number;
    meanScore: number | null;
    distribution: Record<string, number>;
  }[];
  comments: { question: string; text: string }[];
}

export const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10} %`);
export const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
