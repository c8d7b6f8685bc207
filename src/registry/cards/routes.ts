import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json } from '../../platform/http/openapi.js';
import { cardsPdf } from './pdf.js';
import { Card, CardKeys, EmployerCards, NewCard, PrintQuery, Revocation } from './schemas.js';
import { cardKeys, cardsToPrint, getCard, issueCard, issueEmployerCards, listCards, revokeCard } from './service.js';

export function cardRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['cards'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/members/{id}/cards',
      tags,
      summary: 'Issue a card (the member’s earlier cards stop passing online checks)',
      middleware: [requireRight('member.manage')],
      request: { params: IdParam, body: { ...json(NewCard, 'Validity'), required: false } },
      responses: { 201: json(Card, 'Issued') },
    }),
    async (c) => {
      const body = c.req.valid('json') ?? {};
      return c.json(await issueCard(db, actor(c), scopeOf(c), c.req.valid('param').id, body.validUntil), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/members/{id}/cards',
      tags,
      summary: "The member's cards, newest first",
      middleware: [requireRight('member.read')],
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(Card) }), 'The cards') },
    }),
    async (c) => c.json({ items: await listCards(db, scopeOf(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/cards/batches',
      tags,
      summary: "Issue cards to an employer's workers and households who have none in force",
      middleware: [requireRight('member.manage')],
      request: { body: json(EmployerCards, 'The employer') },
      responses: { 201: json(z.object({ issued: z.number().int(), items: z.array(Card) }), 'Issued') },
    }),
    async (c) => {
      const items = await issueEmployerCards(db, actor(c), scopeOf(c), c.req.valid('json').employerId);
      return c.json({ issued: items.length, items }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cards/keys',
      tags,
      summary: "The scheme's public keys, for checking cards offline",
      middleware: [requireRight('member.read')],
      responses: { 200: json(CardKeys, 'The keys') },
    }),
    async (c) => {
      const keys = await cardKeys(db, scopeOf(c).schemeId);
      return c.json(
        {
          algorithm: 'EdDSA' as const,
          keys: keys.map((k) => ({ kid: k.kid, publicKey: Buffer.from(k.publicKey).toString('base64url') })),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cards/print',
      tags,
      summary: 'The cards in force of a member or an employer, as a PDF to print (ten to an A4 page)',
      middleware: [requireRight('member.read')],
      request: { query: PrintQuery },
      responses: {
        200: {
          description: 'A PDF',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
      },
    }),
    async (c) => {
      const pdf = await cardsPdf(await cardsToPrint(db, scopeOf(c), c.req.valid('query')));
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': 'inline; filename="cards.pdf"',
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/cards/{id}',
      tags,
      summary: 'A card',
      middleware: [requireRight('member.read')],
      request: { params: IdParam },
      responses: { 200: json(Card, 'The card') },
    }),
    async (c) => c.json(await getCard(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/cards/{id}/revoke',
      tags,
      summary: 'Revoke a card (lost, stolen): it no longer passes online checks',
      middleware: [requireRight('member.manage')],
      request: { params: IdParam, body: json(Revocation, 'Why') },
      responses: { 200: json(Card, 'Revoked') },
    }),
    async (c) =>
      c.json(await revokeCard(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
}
