import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const TOKEN_COOKIE = 'vrs_token';

/**
 * The access rules every request passes before its route: with a token configured, the token as a
 * bearer header or the cookie `/login?token=…` sets; and, token or not, a request that changes
 * something must come from the server's own pages (its Origin, when the browser sends one, is the
 * server's; a sandboxed frame's `null` and a browser's `Sec-Fetch-Site: cross-site` are foreign), so
 * another site cannot submit runs through a user's browser. Without a token, only requests naming
 * the server by a loopback name or the address it listens on (`allowedHosts`) are answered, so a
 * page whose DNS name is re-pointed at 127.0.0.1 (DNS rebinding) cannot read or submit anything.
 * Returns true when the request was answered (refused or redirected).
 */
export function checkAccess(request: FastifyRequest, reply: FastifyReply, token: string | undefined, allowedHosts: ReadonlySet<string> = LOOPBACK_NAMES): boolean {
  const path = request.url.split('?')[0]!;
  if (token === undefined && !allowedHosts.has(hostName(request.headers.host ?? ''))) {
    void reply.code(421).send({ error: `this server answers only to ${[...allowedHosts].join(', ')} without an access token (Host: ${JSON.stringify((request.headers.host ?? '').slice(0, 100))})` });
    return true;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const origin = request.headers.origin;
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    if (crossSite || (origin !== undefined && (origin === 'null' || hostOf(origin) !== request.headers.host))) {
      void reply.code(403).send({ error: 'requests that change something must come from the server\'s own pages (Origin differs from Host)' });
      return true;
    }
  }
  if (token === undefined) return false;
  if (path === '/login') {
    const given = (request.query as Record<string, unknown>)['token'];
    if (typeof given === 'string' && sameSecret(given, token)) {
      void reply
        .header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`)
        .redirect('/', 303);
      return true;
    }
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const cookie = cookieValue(request.headers.cookie, TOKEN_COOKIE);
  if ((bearer !== undefined && sameSecret(bearer, token)) || (cookie !== undefined && sameSecret(cookie, token))) return false;
  const message = 'this server needs its access token: send "Authorization: Bearer TOKEN", or open /login?token=TOKEN once in the browser';
  if (path.startsWith('/api/')) void reply.code(401).send({ error: message });
  else void reply.code(401).type('text/plain; charset=utf-8').send(message);
  return true;
}

/** The names a server bound to loopback answers to. */
export const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** A Host header without its port. */
function hostName(host: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(host);
  if (bracketed) return `[${bracketed[1]}]`;
  return host.replace(/:\d+$/, '').toLowerCase();
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
