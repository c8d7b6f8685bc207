import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/engines.js';
import { PASSWORD, testApp, type TestApp } from '../../../test/app.js';

describe.each(engines)('authentication on %s', (engine) => {
  let t: TestApp;
  let admin: { schemeId: string; token: string; username: string };
  beforeAll(async () => {
    t = await testApp(engine);
    admin = await t.scheme('AUTH');
  });
  afterAll(() => t.close());

  it('answers /health with the version and the engine', async () => {
    const res = await t.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: 'test', database: engine });
  });

  it('logs in with a token that works as Bearer and an httpOnly cookie that works too', async () => {
    const res = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: admin.username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const { token, user } = (await res.json()) as { token: string; user: { rights: string[] } };
    expect(user.rights).toContain('member.manage');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/riskpool_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect((await t.call('GET', '/api/v1/auth/me', { token })).status).toBe(200);
    const viaCookie = await t.app.request('/api/v1/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect(viaCookie.status).toBe(200);
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const wrong = await t.call('POST', '/api/v1/auth/login', {
      body: { username: admin.username, password: 'nope nope nope' },
    });
    const nobody = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'nobody', password: 'nope nope nope' },
    });
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    expect(wrong.body.detail).toBe(nobody.body.detail);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
  });

  it('locks an account after repeated failures, and a reset lifts the lock', async () => {
    const created = await t.call('POST', '/api/v1/users', {
      token: admin.token,
      body: { username: 'clerk.lock', displayName: 'Clerk', password: PASSWORD, roles: ['registrar'] },
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 3; i++) {
      await t.call('POST', '/api/v1/auth/login', { body: { username: 'clerk.lock', password: 'wrong password' } });
    }
    const locked = await t.call('POST', '/api/v1/auth/login', { body: { username: 'clerk.lock', password: PASSWORD } });
    expect(locked.status).toBe(423);
    const reset = await t.call('POST', `/api/v1/users/${created.body.user.id}/password`, {
      token: admin.token,
      body: { password: 'a brand new password' },
    });
    expect(reset.status).toBe(200);
    expect(
      (
        await t.call('POST', '/api/v1/auth/login', {
          body: { username: 'clerk.lock', password: 'a brand new password' },
        })
      ).status,
    ).toBe(200);
  });

  it('ends a session on logout', async () => {
    const token = await t.login(admin.username);
    expect((await t.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  it('changes a password only with the current one, and ends the old sessions', async () => {
    await t.call('POST', '/api/v1/users', {
      token: admin.token,
      body: { username: 'clerk.pw', displayName: 'Clerk', password: PASSWORD, roles: ['registrar'] },
    });
    const token = await t.login('clerk.pw');
    const bad = await t.call('POST', '/api/v1/auth/password', {
      token,
      body: { currentPassword: 'not it at all', newPassword: 'another long password' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'currentPassword', reason: 'is not the current password' }]);
    const short = await t.call('POST', '/api/v1/auth/password', {
      token,
      body: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(short.body.errors[0].field).toBe('newPassword');
    const ok = await t.call('POST', '/api/v1/auth/password', {
      token,
      body: { currentPassword: PASSWORD, newPassword: 'another long password' },
    });
    expect(ok.status).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
    await t.login('clerk.pw', 'another long password');
  });

  it('applies a change of roles or a deactivation to the very next request of a session', async () => {
    const made = await t.call('POST', '/api/v1/users', {
      token: admin.token,
      body: { username: 'clerk.roles', displayName: 'Clerk', password: PASSWORD, roles: ['registrar'] },
    });
    const token = await t.login('clerk.roles');
    // Seen once, so the caller is kept in memory (platform/db/memo.ts) ...
    expect((await t.call('GET', '/api/v1/auth/me', { token })).body.rights).toContain('member.manage');
    await t.call('PATCH', `/api/v1/users/${made.body.user.id}`, { token: admin.token, body: { roles: ['auditor'] } });
    // ... and forgotten by the change: the old rights are not used again.
    const after = await t.call('GET', '/api/v1/auth/me', { token });
    expect(after.body.roles).toEqual(['auditor']);
    expect(after.body.rights).not.toContain('member.manage');
    await t.call('PATCH', `/api/v1/users/${made.body.user.id}`, { token: admin.token, body: { active: false } });
    expect((await t.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  it('issues API tokens for machines that act as their user until revoked', async () => {
    const machine = await t.call('POST', '/api/v1/users', {
      token: admin.token,
      body: { username: 'sms-gateway', displayName: 'SMS gateway', roles: ['facility_agent'], isMachine: true },
    });
    expect(machine.body.generatedPassword).toMatch(/^\S{16}$/);
    // A machine account cannot log in with a password, only with its tokens.
    const pw = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'sms-gateway', password: machine.body.generatedPassword },
    });
    expect(pw.status).toBe(401);
    const issued = await t.call('POST', '/api/v1/api-tokens', {
      token: admin.token,
      body: { name: 'Gateway at Khmer Soviet', userId: machine.body.user.id },
    });
    expect(issued.status).toBe(201);
    const me = await t.call('GET', '/api/v1/auth/me', { token: issued.body.token });
    expect(me.body.username).toBe('sms-gateway');
    expect(me.body.rights).not.toContain('member.manage');
    const listed = await t.call('GET', '/api/v1/api-tokens', { token: admin.token });
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
    expect((await t.call('DELETE', `/api/v1/api-tokens/${issued.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { token: issued.body.token })).status).toBe(401);
  });

  it('answers bad input with a problem naming the field, never a 500', async () => {
    const malformed = await t.call('POST', '/api/v1/auth/login', {
      body: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    const missing = await t.call('POST', '/api/v1/auth/login', { body: { username: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    const unknown = await t.call('GET', '/api/v1/nothing-here', { token: admin.token });
    expect(unknown.status).toBe(404);
    const badCursor = await t.call('GET', '/api/v1/users?cursor=zzz', { token: admin.token });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
  });

  it('keeps an append-only audit log that auditors can read', async () => {
    const log = await t.call('GET', '/api/v1/audit?entity=user', { token: admin.token });
    expect(log.status).toBe(200);
    const actions = log.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'login', 'login-failed', 'lock', 'reset-password']));
    const entry = log.body.items.find((e: { action: string }) => e.action === 'create');
    expect(entry.after.username).toBeDefined();
    expect(entry.username).toBe(admin.username);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await t.call(method, `/api/v1/audit/${entry.id}`, { token: admin.token, body: {} })).status).toBe(404);
    }
  });

  it('serves the OpenAPI document and a browsable page that needs no network', async () => {
    const doc = await t.call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/members', '/api/v1/auth/login']));
    const page = await t.call('GET', '/api/docs');
    expect(page.body).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\//);
    const asset = await t.app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });
});
