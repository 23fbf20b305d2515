// `vrs serve --token`: every request needs the token (bearer header or the cookie /login sets);
// and requests that change something from another site are refused, token or not.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../engine/helpers.js';
import { startServer, type RunningServer } from './serveHelpers.js';

const token = 'correct-horse-battery-staple';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(join(tempDir('vrs-serve-access-'), 'data'), ['--token', token]);
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.ended;
});

describe('vrs serve: access', () => {
  it('refuses requests without the token, with a message saying how to give it', async () => {
    for (const path of ['/api/runs', '/runs', '/']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(401);
      expect(await response.text(), path).toContain('Authorization: Bearer');
    }
    expect((await fetch(`${server.url}/api/runs`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${server.url}/login?token=wrong`, { redirect: 'manual' })).status).toBe(401);
  });

  it('accepts the bearer token, and the cookie /login sets', async () => {
    const api = await fetch(`${server.url}/api/runs`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ runs: [] });
    const login = await fetch(`${server.url}/login?token=${token}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${server.url}/runs`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
  });

  it('refuses a submission whose Origin is another site', async () => {
    const response = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: 'https://elsewhere.example' },
      body: new FormData(),
    });
    expect(response.status).toBe(403);
  });
});
