// The floor an Electron app of Hangar's kind stands on (issue #15, item 4): Electron is
// Chromium plus Node, so Debian's Chromium showing Hangar's own page, in an app window of the
// same size, is what such an app costs before any of its own code. Leapp itself cannot be
// installed here (its releases are on GitHub, which this machine cannot reach).
//
// Run by hand, not by `make bench` (it needs `apt-get install chromium`, 290 MB):
//   xvfb-run -a -s '-screen 0 1440x900x24' node --test tests/e2e/chromium.bench.mjs
//
// Start: from spawn() to the page's first contentful paint, read through the DevTools protocol
// (`performance.timeOrigin` + the paint entry: both on this machine's clock). Memory: the
// browser's process tree from /proc, as startup.bench.mjs reads the app's. Chromium runs as
// root here, which needs --no-sandbox: its sandbox helpers would only add to its figures.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';

import { repo } from './harness.mjs';
import { median, memory, pause, SETTLE_MS, spread, mb } from './processes.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RUNS = 5;
const dist = path.join(repo, 'ui/dist');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

/** ui/dist over HTTP: its script tags are absolute (/assets/…), which file:// cannot follow. */
function serveDist() {
  const server = http.createServer((req, res) => {
    const wanted = path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = path.join(dist, wanted === '/' ? 'index.html' : wanted);
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function until(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await pause(20);
  }
}

/** Evaluates `expression` in the page through the DevTools protocol. */
function evaluate(socket, expression) {
  return new Promise((resolve, reject) => {
    const id = Math.floor(Math.random() * 1e9);
    const onMessage = (data) => {
      const message = JSON.parse(String(data));
      if (message.id !== id) return;
      socket.off('message', onMessage);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result.result.value);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }));
  });
}

const FIRST_PAINT = `(() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return paint ? performance.timeOrigin + paint.startTime : null;
})()`;

async function run(url) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'hangar-chromium-'));
  const spawnedAt = Date.now();
  const browser = spawn(
    CHROMIUM,
    ['--no-sandbox', '--no-first-run', '--no-default-browser-check', '--disable-features=Translate',
      `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--window-size=1440,900', `--app=${url}`],
    { stdio: 'ignore' },
  );
  try {
    const portFile = path.join(profile, 'DevToolsActivePort');
    const port = await until('DevToolsActivePort', () =>
      existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n')[0] || null : null,
    );
    const page = await until('the page target', async () => {
      const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      return targets.find((t) => t.type === 'page' && t.url.startsWith(url)) ?? null;
    });
    const socket = new WebSocket(page.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const paintedAt = await until('first contentful paint', () => evaluate(socket, FIRST_PAINT));
    const atPaint = memory(browser.pid);
    await pause(SETTLE_MS);
    const settled = memory(browser.pid);
    socket.close();
    return { wallMs: paintedAt - spawnedAt, atPaint, settled };
  } finally {
    const exited = new Promise((resolve) => browser.once('exit', resolve));
    browser.kill('SIGTERM');
    await exited;
    rmSync(profile, { recursive: true, force: true });
  }
}

test("Chromium showing Hangar's page: start to first paint, and memory", { timeout: 600_000 }, async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  assert.ok(existsSync(path.join(dist, 'index.html')), 'ui/dist is missing: make ui');
  const server = await serveDist();
  try {
    const url = `http://127.0.0.1:${server.address().port}/`;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await run(url));
    const wall = runs.map((r) => r.wallMs);
    const pss = (pick) => runs.map((r) => mb(pick(r).all.pss));
    const rss = (pick) => runs.map((r) => mb(pick(r).all.rss));
    console.log(`Chromium: exec to first contentful paint median ${median(wall).toFixed(0)} ms (${spread(wall)}), ${RUNS} runs`);
    console.log(`  tree PSS ${median(pss((r) => r.atPaint)).toFixed(0)} MB at first paint (${spread(pss((r) => r.atPaint))}), ${median(pss((r) => r.settled)).toFixed(0)} MB settled (${spread(pss((r) => r.settled))})`);
    console.log(`  tree RSS ${median(rss((r) => r.atPaint)).toFixed(0)} MB at first paint (${spread(rss((r) => r.atPaint))}), ${median(rss((r) => r.settled)).toFixed(0)} MB settled (${spread(rss((r) => r.settled))})`);
  } finally {
    server.close();
  }
});
