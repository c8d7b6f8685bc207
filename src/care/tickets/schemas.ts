import { z } from '@hono/zod-openapi';
import { PageQuery, isoDate, pageOf } from '../../platform/http/openapi.js';

export const CHANNELS = ['hotline', 'sms', 'web', 'factory_visit', 'facility', 'follow_up'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const STATES = ['open', 'in_progress', 'resolved'] as const;

export const TicketCategory = z
  .object({
    code: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be 2 to 40 lower-case letters, digits or _')
      .openapi({ example: 'asked_to_pay' }),
    name: z.string().trim().min(1).max(120),
    deadlineHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .openapi({ description: 'Hours from opening (or from an escalation) to resolve it' }),
    priority: z.enum(PRIORITIES),
    active: z.boolean().default(true),
  })
  .openapi('TicketCategory');

export const TicketCategories = z.object({ items: z.array(TicketCategory).min(1).max(50) }).openapi('TicketCategories');

export const NewTicket = z
  .object({
    channel: z.enum(CHANNELS),
    category: z.string().min(1).max(40),
    priority: z.enum(PRIORITIES).optional().openapi({ description: "The category's when not given" }),
    description: z.string().trim().min(1).max(4000),
    callerName: z.string().trim().min(1).max(200).nullish(),
    callerPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
      .nullish(),
    memberId: z.string().max(100).nullish(),
    facilityId: z.string().max(100).nullish(),
    employerId: z.string().max(100).nullish(),
    claimId: z.string().max(100).nullish(),
    areaId: z.string().max(100).nullish().openapi({ description: 'Where nothing linked places it' }),
  })
  .openapi('NewTicket');

export const TicketEvent = z.object({
  at: z.string(),
  kind: z.enum(['opened', 'assigned', 'note', 'escalated', 'resolved', 'reopened', 'informed']),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

export const Ticket = z
  .object({
    id: z.string(),
    number: z.string(),
    channel: z.enum(CHANNELS),
    category: z.string(),
    categoryName: z.string(),
    priority: z.enum(PRIORITIES),
    state: z.enum(STATES),
    level: z.number().int().openapi({ description: '0 care operators; each escalation one up' }),
    overdue: z.boolean(),
    description: z.string(),
    callerName: z.string().nullable(),
    callerPhone: z.string().nullable(),
    member: z.object({ id: z.string(), memberNumber: z.string(), nameLatin: z.string() }).nullable(),
    facility: z.object({ id: z.string(), name: z.string() }).nullable(),
    employer: z.object({ id: z.string(), name: z.string() }).nullable(),
    claim: z.object({ id: z.string(), number: z.string() }).nullable(),
    assignedTo: z.object({ id: z.string(), username: z.string() }).nullable(),
    openedAt: z.string(),
    dueAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolution: z.string().nullable(),
    withinDeadline: z.boolean().nullable(),
    memberInformedAt: z.string().nullable(),
    version: z.number().int(),
    events: z.array(TicketEvent).optional(),
  })
  .openapi('Ticket');

export const TicketPage = pageOf(Ticket, 'TicketPage');

export const TicketQuery = PageQuery.extend({
  state: z
    .enum([...STATES, 'unresolved'])
    .optional()
    .openapi({ description: 'unresolved: open and in progress' }),
  category: z.string().max(40).optional(),
  level: z.coerce.number().int().min(0).max(9).optional(),
  assignedTo: z.string().max(100).optional().openapi({ description: "A user's id, or `me`" }),
  memberId: z.string().max(100).optional(),
});

export const Assign = z
  .object({ userId: z.string().max(100).nullable(), version: z.number().int() })
  .openapi('TicketAssign');
export const Note = z.object({ note: z.string().trim().min(1).max(4000) }).openapi('TicketNote');
export const Resolve = z
  .object({
    resolution: z.string().trim().min(1).max(4000),
    informMember: z
      .boolean()
      .default(true)
      .openapi({ description: 'Send the resolution by SMS where a gateway is set' }),
    version: z.number().int(),
  })
  .openapi('TicketResolve');
export const Reopen = z.object({ note: z.string().trim().min(1).max(4000), version: z.number().int() });
export const Informed = z
  .object({ how: z.enum(['phone', 'visit', 'letter']), note: z.string().trim().max(1000).optional() })
  .openapi('TicketInformed');

export const FiguresQuery = z.object({
  from: isoDate().openapi({ description: 'First day of the period (tickets opened from it)' }),
  to: isoDate().openapi({ description: 'Last day of the period' }),
});

const Breakdown = z.object({
  key: z.string().nullable(),
  name: z.string(),
  tickets: z.number().int(),
  perThousandMembers: z.number().nullable(),
  resolved: z.number().int(),
  meanHoursToResolve: z.number().nullable(),
  withinDeadlineShare: z.number().nullable(),
});

export const TicketFigures = z
  .object({
    from: z.string(),
    to: z.string(),
    members: z.number().int().openapi({ description: 'Active members, the denominator per 1,000' }),
    tickets: z.number().int(),
    perThousandMembers: z.number().nullable(),
    resolved: z.number().int(),
    unresolved: z.number().int(),
    overdue: z.number().int(),
    meanHoursToResolve: z.number().nullable(),
    medianHoursToResolve: z.number().nullable(),
    withinDeadlineShare: z
      .number()
      .nullable()
      .openapi({ description: 'Of the resolved, the share resolved by the first deadline' }),
    byCategory: z.array(Breakdown),
    byFacility: z.array(Breakdown),
    byEmployer: z.array(Breakdown),
  })
  .openapi('TicketFigures');
