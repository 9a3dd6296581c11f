// The test and benchmark server: serves the release build on 127.0.0.1 the way a strict host
// would, plus a reactions endpoint whose failures the tests control.
//
//   node static-server.mjs DIR PORT
//
// - DIR is served at `/` and again under `/cdn/article-widget/v1/`, to show the build works
//   from any path.
// - Every HTML page is sent with the contract's Content-Security-Policy.
// - `.wasm` is sent as application/wasm.
// - POST /api/reactions/SCOPE records the contract's body and answers { counts } for SCOPE.
//   POST /api/control/SCOPE with { failNext, failStatus, down, dropNext, delayMs, chaos } scripts failures,
//   where chaos = { seed, fail, drop, dropAfter, slowMs } fails at random, reproducibly.
//   A change whose Idempotency-Key was already applied is acknowledged but not applied again;
//   `noCounts` makes the replies `{}`. /site/api/… answers as /api/….
//   GET /api/log/SCOPE returns { deliveries, attempts, duplicates, state }.
// - GET /api/quotes/SCOPE answers crypto box props whose price rises each request;
//   POST /api/control/quotes-SCOPE with { down } makes it fail.
// - GET /api/slow?ms=N answers JSON after N ms; GET /api/status/CODE answers that status.
// - GET /api/data/…: data-src replies that break the limits (see `data` below).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src * data:";
const PREFIXES = ['/cdn/article-widget/v1/', '/'];

const root = resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || 4173);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Per-scope endpoint state: what arrived, and the failures still to play. */
const scopes = new Map();
const scope = (name) => {
  if (!scopes.has(name)) {
    scopes.set(name, {
      deliveries: [], attempts: 0, duplicates: 0, applied: new Set(), state: new Map(),
      failNext: 0, dropNext: 0, down: false, delayMs: 0, chaos: null,
    });
  }
  return scopes.get(name);
};

/** A seeded PRNG (mulberry32), so a chaotic run can be replayed. */
function roll(s) {
  const c = s.chaos;
  const next = () => {
    c.seed = (c.seed + 0x6d2b79f5) | 0;
    let t = c.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    fail: next() < (c.fail || 0),
    drop: next() < (c.drop || 0),
    dropAfter: next() < (c.dropAfter || 0),
    slowMs: Math.floor(next() * (c.slowMs || 0)),
  };
}

const readBody = (req) => new Promise((ok) => {
  let data = '';
  req.on('data', (c) => (data += c));
  req.on('end', () => ok(data));
});
const json = (res, status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A top-news box's props, `title` its one link, so a test can tell whose data rendered. */
const box = (title) => ({ kind: 'topNews', items: [{ title, url: '/news/1' }] });

/**
 * data-src replies for the limits:
 *   GET /api/data/box?title=T     box props (application/json, readable from any origin)
 *   GET /api/data/big?mb=N        box props padded to N MiB, streamed without a length;
 *                                 &declared=1 sends Content-Length instead; &scope=S records
 *                                 the bytes sent, and whether the client hung up, for
 *   GET /api/data/sent?scope=S    { sent, closed }
 *   GET /api/data/html            box props sent as text/html
 *   GET /api/data/redirect?to=URL 302 to URL
 */
const sentBig = new Map();

async function data(req, res, name, query) {
  if (name === 'sent') return json(res, 200, sentBig.get(query.get('scope')) || null);
  if (name === 'box') {
    return res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      .end(JSON.stringify(box(query.get('title') || 'box')));
  }
  if (name === 'big') {
    const size = Math.round(Number(query.get('mb') || 6) * 1024 * 1024);
    const head = JSON.stringify(box('big')).slice(0, -1) + ',"pad":"';
    const tail = '"}';
    const padding = Math.max(0, size - head.length - tail.length);
    const headers = { 'content-type': 'application/json' };
    if (query.get('declared')) headers['content-length'] = String(head.length + padding + tail.length);
    const log = { sent: 0, closed: false };
    if (query.get('scope')) sentBig.set(query.get('scope'), log);
    res.on('close', () => { log.closed = !res.writableFinished; });
    res.writeHead(200, headers);
    res.write(head);
    const chunk = 'x'.repeat(64 * 1024);
    for (let left = padding; left > 0 && !res.destroyed; left -= chunk.length) {
      const part = left >= chunk.length ? chunk : chunk.slice(0, left);
      log.sent += part.length;
      if (!res.write(part)) {
        await new Promise((ok) => {
          const done = () => { res.off('drain', done); res.off('close', done); ok(); };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (!res.destroyed) res.end(tail);
    return undefined;
  }
  if (name === 'html') {
    return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(JSON.stringify(box('html')));
  }
  if (name === 'redirect') {
    return res.writeHead(302, { location: query.get('to') || '/' }).end();
  }
  return json(res, 404, { error: 'no such data' });
}

async function api(req, res, path) {
  const [, kind, name] = path.split('/').filter(Boolean);
  if (kind === 'data') return data(req, res, name, new URL(req.url, 'http://x').searchParams);
  if (kind === 'slow') {
    const ms = Number(new URL(req.url, 'http://x').searchParams.get('ms') || 1000);
    await sleep(ms);
    return json(res, 200, { slow: true });
  }
  if (kind === 'status') return json(res, Number(name) || 500, { error: 'scripted' });
  if (kind === 'quotes') {
    // Crypto box props whose bitcoin price rises by 1,000 won per request; `down` fails them.
    const q = scope(`quotes-${name}`);
    q.attempts += 1;
    if (q.down) return json(res, 503, { error: 'down' });
    return json(res, 200, {
      kind: 'crypto', asOf: '2024-07-03T09:35:00+09:00', currency: 'KRW',
      items: [
        { name: '비트코인', symbol: 'BTC', price: 87497000 + 1000 * q.attempts, changePct: -0.93 },
        { name: '리플', symbol: 'XRP', price: 683, changePct: 1.94 },
      ],
    });
  }
  const s = scope(name || 'default');
  if (kind === 'control' && req.method === 'POST') {
    Object.assign(s, JSON.parse((await readBody(req)) || '{}'));
    return json(res, 200, { ok: true });
  }
  if (kind === 'log') {
    return json(res, 200, { deliveries: s.deliveries, attempts: s.attempts, duplicates: s.duplicates, state: Object.fromEntries(s.state) });
  }
  if (kind === 'reactions' && req.method === 'POST') {
    s.attempts += 1;
    const text = await readBody(req);
    const chaos = s.chaos ? roll(s) : {};
    if (s.delayMs || chaos.slowMs) await sleep(s.delayMs + (chaos.slowMs || 0));
    if (chaos.drop) return req.socket.destroy();
    if (chaos.fail) return json(res, 503, { error: 'chaos' });
    if (s.dropNext > 0) {
      s.dropNext -= 1;
      return req.socket.destroy();
    }
    if (s.down || s.failNext > 0) {
      if (!s.down) s.failNext -= 1;
      return json(res, s.failStatus || 503, { error: 'scripted failure' });
    }
    let body;
    try { body = JSON.parse(text); } catch { return json(res, 400, { error: 'not JSON' }); }
    const idempotencyKey = req.headers['idempotency-key'] || null;
    if (idempotencyKey && s.applied.has(idempotencyKey)) {
      s.duplicates += 1;
    } else {
      if (idempotencyKey) s.applied.add(idempotencyKey);
      s.deliveries.push({ ...body, idempotencyKey });
      s.state.set(`${body.articleId}/${body.reaction}`, body.selected);
    }
    // Applied, but the reply is lost: the client must retry, and must not apply twice.
    if (chaos.dropAfter) return req.socket.destroy();
    if (s.noCounts) return json(res, 200, {});
    const counts = {};
    for (const [k, selected] of s.state) {
      const [article, reaction] = k.split('/');
      if (article === body.articleId) counts[reaction] = (counts[reaction] || 0) + 10 + (selected ? 1 : 0);
    }
    return json(res, 200, { counts });
  }
  return json(res, 404, { error: 'no such api' });
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname);
  // The same API one folder down, for pages that reach it by a relative URL.
  if (url.pathname.startsWith('/site/api/')) return api(req, res, url.pathname.slice('/site'.length));
  const prefix = PREFIXES.find((p) => url.pathname.startsWith(p));
  let path = normalize(decodeURIComponent(url.pathname.slice(prefix.length - 1)));
  if (path.endsWith('/')) path += 'index.html';
  const file = join(root, path);
  if (!file.startsWith(root)) return res.writeHead(403).end();
  try {
    const body = await readFile(file);
    const type = types[extname(file)] || 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    if (type.startsWith('text/html')) headers['content-security-policy'] = CSP;
    res.writeHead(200, headers).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
