import { z } from '@hono/zod-openapi';
import { RIGHTS } from '../rights/rights.js';

export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    areaIds: z.array(z.string()),
    language: z.string().nullable(),
    active: z.boolean(),
    isMachine: z.boolean(),
    locked: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

const username = z.string().regex(/^[a-zA-Z0-9._@-]{3,60}$/, 'must be 3-60 letters, digits or . _ @ -');

export const NewUser = z
  .object({
    username,
    displayName: z.string().trim().min(1).max(120),
    password: z.string().max(200).optional().openapi({ description: 'Generated and answered once when left out' }),
    roles: z.array(z.string().min(1)).min(1, 'needs at least one role'),
    areaIds: z.array(z.string()).default([]),
    language: z.string().min(2).max(10).nullable().default(null),
    isMachine: z.boolean().default(false),
  })
  .openapi('NewUser');

export const UserChange = z
  .object({
    displayName: z.string().trim().min(1).max(120),
    roles: z.array(z.string().min(1)).min(1, 'needs at least one role'),
    areaIds: z.array(z.string()),
    language: z.string().min(2).max(10).nullable(),
    active: z.boolean(),
  })
  .partial()
  .openapi('UserChange');

export const Role = z
  .object({
    code: z.string(),
    name: z.string(),
    rights: z.array(z.string()),
    builtIn: z.boolean(),
    id: z.string().nullable(),
  })
  .openapi('Role');

const right = z.enum(RIGHTS);

export const NewRole = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'must be 2-41 lower-case letters, digits or _'),
    name: z.string().trim().min(1).max(120),
    rights: z.array(right).min(1, 'needs at least one right'),
  })
  .openapi('NewRole');

export const RoleChange = z
  .object({ name: z.string().trim().min(1).max(120), rights: z.array(right).min(1) })
  .partial()
  .openapi('RoleChange');

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    userId: z.string(),
    username: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const NewApiToken = z
  .object({ name: z.string().trim().min(1).max(120), userId: z.string().min(1) })
  .openapi('NewApiToken');
