import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { Problem } from '../../platform/http/problem.js';
import { MAX_PHOTO_BYTES, readPhoto, storePhoto } from './photos.js';
import { Household, Member, MemberChange, MemberQuery, NewMember } from './schemas.js';
import { getHousehold, getMember, memberHistory, registerMember, searchMembers, updateMember } from './service.js';

const HistoryEntry = z.object({
  at: z.string(),
  username: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export function memberRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['registry'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/members',
      tags,
      summary: 'Find members by number, factory card, national ID, phone or name; or list them',
      middleware: [requireRight('member.read')],
      request: { query: MemberQuery },
      responses: { 200: json(pageOf(Member, 'MemberPage'), 'Members found') },
    }),
    async (c) => c.json(await searchMembers(db, scopeOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/members',
      tags,
      summary: 'Register a member (a new household head, or a dependant of a household)',
      description:
        'A national ID already registered is refused (409). A close name with the same birth date in the same ' +
        'employer or group answers 409 with `possibleDuplicates`; send again with `confirmDuplicate: true` to register anyway.',
      middleware: [requireRight('member.manage')],
      request: { body: json(NewMember, 'The member') },
      responses: { 201: json(Member, 'Registered') },
    }),
    async (c) => c.json(await registerMember(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/members/{id}',
      tags,
      summary: 'One member',
      middleware: [requireRight('member.read')],
      request: { params: IdParam },
      responses: { 200: json(Member, 'The member') },
    }),
    async (c) => c.json(await getMember(db, scopeOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/members/{id}',
      tags,
      summary: 'Change a member; send the version read to refuse a lost update',
      middleware: [requireRight('member.manage')],
      request: { params: IdParam, body: json(MemberChange, 'What changes') },
      responses: { 200: json(Member, 'The member as it now is') },
    }),
    async (c) =>
      c.json(await updateMember(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/members/{id}/history',
      tags,
      summary: "The member's changes, newest first",
      middleware: [requireRight('member.read')],
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(HistoryEntry) }), 'The history') },
    }),
    async (c) => c.json({ items: await memberHistory(db, scopeOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/members/{id}/photo',
      tags,
      summary: 'Set the photo (JPEG or PNG, at most 5 MB; kept as a JPEG of at most 480 × 640)',
      middleware: [requireRight('member.manage')],
      request: {
        params: IdParam,
        body: {
          content: {
            'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
            'image/png': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
      },
      responses: { 200: json(z.object({ width: z.number(), height: z.number() }), 'Stored') },
    }),
    async (c) => {
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > MAX_PHOTO_BYTES) {
        throw new Problem(413, 'Too large', 'photo: must be at most 5 MB', [
          { field: 'photo', reason: 'must be at most 5 MB' },
        ]);
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const type = c.req.header('content-type') ?? '';
      return c.json(await storePhoto(db, actor(c), scopeOf(c), c.req.valid('param').id, bytes, type), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/members/{id}/photo',
      tags,
      summary: "The member's photo",
      middleware: [requireRight('member.read')],
      request: { params: IdParam },
      responses: {
        200: { description: 'A JPEG', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } },
      },
    }),
    async (c) => {
      const photo = await readPhoto(db, scopeOf(c), c.req.valid('param').id);
      return c.body(Buffer.from(photo.data), 200, {
        'content-type': photo.content_type,
        'cache-control': 'private, max-age=300',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/households/{id}',
      tags,
      summary: 'A household and its members',
      middleware: [requireRight('member.read')],
      request: { params: IdParam },
      responses: { 200: json(Household, 'The household') },
    }),
    async (c) => c.json(await getHousehold(db, scopeOf(c), c.req.valid('param').id), 200),
  );
}
