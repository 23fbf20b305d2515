// `vrs serve --token`: every request needs the token (bearer header or the cookie /login sets);
// and requests that change something from another site are refused, token or not.
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, spawnCli, tempDir } from '../engine/helpers.js';
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

  it('refuses a changing request from a sandboxed frame (Origin null) or marked cross-site', async () => {
    for (const headers of [{ origin: 'null' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/api/runs`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: new FormData() });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
  });

  it('takes the run page\'s Resume button (an empty urlencoded form) to its route', async () => {
    const response = await fetch(`${server.url}/runs/20260101-000000-abcdef12/resume`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    // The route answers (no such run), not the body parser (415).
    expect(response.status).toBe(404);
  });

  it('answers a malformed multipart body with 400, not 500', async () => {
    const response = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="map"; filename="m.map"\r\n\r\ncut here',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/malformed|Unexpected end/i);
  });
});

describe('vrs serve without a token', () => {
  let open: RunningServer;
  const openData = join(tempDir('vrs-serve-open-'), 'data');
  beforeAll(async () => {
    open = await startServer(openData);
  }, 60_000);
  afterAll(async () => {
    open?.child.kill('SIGTERM');
    await open?.ended;
  });

  it('answers only requests naming it by a loopback name (no DNS rebinding)', async () => {
    const port = new URL(open.url).port;
    // Node's fetch does not let a caller set Host: a raw request does.
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port, path: '/api/runs', headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`evil.example:${port}`)).toBe(421);
  });

  it('a second server on the same data folder is refused', async () => {
    const second = spawnCli(['serve', '--port', '0', '--data', openData]);
    const result = await finished(second);
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toMatch(/another vrs serve \(process \d+ on .*\) uses this data folder/);
  });
});

