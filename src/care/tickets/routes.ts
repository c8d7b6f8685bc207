import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, principalOf, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json } from '../../platform/http/openapi.js';
import { setTicketCategories, ticketCategories } from './categories.js';
import { ticketFigures } from './figures.js';
import { listTickets } from './list.js';
import {
  assignTicket,
  escalateOverdue,
  getTicket,
  markInformed,
  noteTicket,
  openTicket,
  reopenTicket,
  resolveTicket,
  type TextSender,
} from './service.js';
import {
  Assign,
  FiguresQuery,
  Informed,
  NewTicket,
  Note,
  Reopen,
  Resolve,
  Ticket,
  TicketCategories,
  TicketFigures,
  TicketPage,
  TicketQuery,
} from './schemas.js';

/** How a resolution reaches the member: the SMS gateway and the text in the scheme's language (interop/sms). */
export interface Informing {
  sender: TextSender | null;
  resolvedText(schemeId: string, number: string, resolution: string): Promise<string>;
}

const Opened = z
  .object({ id: z.string(), number: z.string(), dueAt: z.string(), deadlineHours: z.number().int() })
  .openapi('TicketOpened');

export function ticketRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps, informing: Informing) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/ticket-categories',
      tags: ['care'],
      summary: 'What members complain of, with the deadline and priority of each',
      middleware: [requireRight('ticket.open')],
      responses: { 200: json(TicketCategories, "The scheme's categories (the defaults until it sets its own)") },
    }),
    async (c) => c.json({ items: await ticketCategories(db.kysely, scopeOf(c).schemeId) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/ticket-categories',
      tags: ['care'],
      summary: "Set the scheme's categories: names, deadlines in hours, priorities",
      description: 'A category tickets use cannot be removed; set it inactive.',
      middleware: [requireRight('care.manage')],
      request: { body: json(TicketCategories, 'Every category, as it should be') },
      responses: { 200: json(TicketCategories, 'The categories now') },
    }),
    async (c) =>
      c.json({ items: await setTicketCategories(db, actor(c), scopeOf(c).schemeId, c.req.valid('json').items) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets',
      tags: ['care'],
      summary: 'Open a ticket: a complaint or feedback heard on the hotline, at a factory, at a facility, on the web',
      description:
        'Optionally linked to a member, a facility, an employer and a claim (each checked to be the scheme’s). Texts beginning COMPLAINT or HELP to the SMS webhook open one too.',
      middleware: [requireRight('ticket.open')],
      request: { body: json(NewTicket, 'The ticket') },
      responses: { 201: json(Opened, 'Its number and deadline') },
    }),
    async (c) => c.json(await openTicket(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/tickets',
      tags: ['care'],
      summary: 'Tickets by state, the overdue first',
      middleware: [requireRight('ticket.read')],
      request: { query: TicketQuery },
      responses: { 200: json(TicketPage, 'A page of tickets') },
    }),
    async (c) => c.json(await listTickets(db, scopeOf(c), principalOf(c).userId, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/tickets/{id}',
      tags: ['care'],
      summary: 'A ticket with its history',
      middleware: [requireRight('ticket.read')],
      request: { params: IdParam },
      responses: { 200: json(Ticket, 'The ticket') },
    }),
    async (c) => c.json(await getTicket(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/{id}/assign',
      tags: ['care'],
      summary: 'Assign the ticket to a user who works tickets (or to nobody)',
      middleware: [requireRight('ticket.manage')],
      request: { params: IdParam, body: json(Assign, 'Who, and the version you saw') },
      responses: { 200: json(Ticket, 'The ticket') },
    }),
    async (c) =>
      c.json(await assignTicket(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/{id}/notes',
      tags: ['care'],
      summary: 'Add a note to the ticket’s history (a call made, a facility asked)',
      middleware: [requireRight('ticket.manage')],
      request: { params: IdParam, body: json(Note, 'The note') },
      responses: { 200: json(Ticket, 'The ticket') },
    }),
    async (c) => c.json(await noteTicket(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/{id}/resolve',
      tags: ['care'],
      summary: 'Resolve the ticket with a note; the member is told by SMS where a gateway is set',
      middleware: [requireRight('ticket.manage')],
      request: { params: IdParam, body: json(Resolve, 'The resolution') },
      responses: {
        200: json(
          z.object({
            ticket: Ticket,
            informed: z.object({ via: z.string().nullable(), error: z.string().optional() }),
          }),
          'The ticket, and whether the member was told',
        ),
      },
    }),
    async (c) =>
      c.json(
        await resolveTicket(
          db,
          actor(c),
          scopeOf(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          informing.sender,
          (number, resolution) => informing.resolvedText(scopeOf(c).schemeId, number, resolution),
        ),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/{id}/informed',
      tags: ['care'],
      summary: 'Record that the member was told of the resolution by phone, visit or letter',
      middleware: [requireRight('ticket.manage')],
      request: { params: IdParam, body: json(Informed, 'How') },
      responses: { 200: json(Ticket, 'The ticket') },
    }),
    async (c) =>
      c.json(await markInformed(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/{id}/reopen',
      tags: ['care'],
      summary: 'Reopen a resolved ticket the member disputes',
      middleware: [requireRight('ticket.manage')],
      request: { params: IdParam, body: json(Reopen, 'Why') },
      responses: { 200: json(Ticket, 'The ticket') },
    }),
    async (c) =>
      c.json(await reopenTicket(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/escalate',
      tags: ['care'],
      summary: 'Pass overdue tickets one level up now (the server also does it every few minutes)',
      middleware: [requireRight('ticket.manage')],
      responses: { 200: json(z.object({ escalated: z.number().int() }), 'How many were passed up') },
    }),
    async (c) => c.json(await escalateOverdue(db, actor(c), scopeOf(c).schemeId), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/ticket-figures',
      tags: ['care'],
      summary:
        'Tickets per 1,000 members, time to resolve and share within deadline, by category, facility and employer',
      middleware: [requireRight('care.figures')],
      request: { query: FiguresQuery },
      responses: { 200: json(TicketFigures, 'The figures of the period') },
    }),
    async (c) => c.json(await ticketFigures(db, scopeOf(c), c.req.valid('query')), 200),
  );
}
