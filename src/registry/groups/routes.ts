import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { actor, scopeOf, type AppEnv, type Deps } from '../../platform/http/context.js';
import { requireRight } from '../../platform/http/guard.js';
import { IdParam, json, pageOf } from '../../platform/http/openapi.js';
import { Group, GroupChange, GroupQuery, NewGroup } from './schemas.js';
import { createGroup, getGroup, listGroups, updateGroup } from './service.js';

export function groupRoutes(app: OpenAPIHono<AppEnv>, { db }: Deps) {
  const tags = ['registry'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/groups',
      tags,
      summary: 'Groups: villages, communes, cooperatives, savings banks',
      middleware: [requireRight('group.read')],
      request: { query: GroupQuery },
      responses: { 200: json(pageOf(Group, 'GroupPage'), 'A page of groups') },
    }),
    async (c) => c.json(await listGroups(db, scopeOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/groups',
      tags,
      summary: 'Register a group',
      middleware: [requireRight('group.manage')],
      request: { body: json(NewGroup, 'The group') },
      responses: { 201: json(Group, 'Created') },
    }),
    async (c) => c.json(await createGroup(db, actor(c), scopeOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/groups/{id}',
      tags,
      summary: 'One group, with its number of members',
      middleware: [requireRight('group.read')],
      request: { params: IdParam },
      responses: { 200: json(Group, 'The group') },
    }),
    async (c) => c.json(await getGroup(db, scopeOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/groups/{id}',
      tags,
      summary: 'Change a group',
      middleware: [requireRight('group.manage')],
      request: { params: IdParam, body: json(GroupChange, 'What changes') },
      responses: { 200: json(Group, 'The group as it now is') },
    }),
    async (c) => c.json(await updateGroup(db, actor(c), scopeOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
