// `make bench`: the release app's start and memory under Xvfb (issue #15, item 4).
//
// Start: the app is exec'd directly (no WebDriver in between) and the clock runs from spawn()
// to the line the shell prints when the page reports its first interactive paint
// (`first_paint`, src-tauri/src/commands/app.rs). Two kinds of start: a new user's, whose
// first run also starts the Sandbox's emulator, and a user with an AWS profile, which starts
// none. Memory: the app's process tree, read from /proc at first paint, once it has settled,
// and with the diagram of a 300-resource blueprint open (that one through WebDriver, which is
// how the page is driven).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readlinkSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { blueprint, draw, NETWORK_RESOURCES, openEditor } from './generated.mjs';
import { openApp, repo, waitUntilReady } from './harness.mjs';
import { mb, median, memory, pause, processes, SETTLE_MS, spread } from './processes.mjs';

const binary = process.env.HANGAR_BENCH_APP ?? path.join(repo, 'target/release/hangar-app');
const cli = path.join(path.dirname(binary), 'hangar');
const RUNS = 5;
const DIAGRAM_RESOURCES = 300;

/** Starts the app on `dataDir`; resolves at its first paint with the wall-clock time. */
async function start(dataDir) {
  const started = performance.now();
  const child = spawn(binary, ['--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const paint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no first paint within 60 s: ${stderr}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const reported = /first interactive paint (\d+) ms after start/.exec(stderr);
      if (reported) {
        clearTimeout(timer);
        resolve({ wallMs: performance.now() - started, shellMs: Number(reported[1]) });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${code}) before its first paint: ${stderr}`));
    });
  });
  return { child, ...paint };
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function report(label, runs) {
  const wall = runs.map((r) => r.wallMs);
  const shell = runs.map((r) => r.shellMs);
  const line = (pick) => {
    const at = runs.map((r) => mb(pick(r.atPaint)));
    const settled = runs.map((r) => mb(pick(r.settled)));
    return `${median(at).toFixed(0)} MB at first paint (${spread(at)}), ${median(settled).toFixed(0)} MB settled (${spread(settled)})`;
  };
  console.log(`${label}: exec to first paint median ${median(wall).toFixed(0)} ms (${spread(wall)}); main to paint ${median(shell).toFixed(0)} ms (${spread(shell)}); ${RUNS} runs`);
  console.log(`  app + WebKit PSS: ${line((m) => m.app.pss + m.webkit.pss)}`);
  console.log(`  app + WebKit RSS: ${line((m) => m.app.rss + m.webkit.rss)}`);
  console.log(`  the shell alone RSS: ${line((m) => m.app.rss)}`);
  if (runs[0].settled.other.rss > 0) console.log(`  the Sandbox emulator RSS: ${line((m) => m.other.rss)}`);
}

async function timeStarts(label, makeDataDir) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const { child, wallMs, shellMs } = await start(makeDataDir());
    try {
      const atPaint = memory(child.pid);
      await pause(SETTLE_MS);
      runs.push({ wallMs, shellMs, atPaint, settled: memory(child.pid) });
    } finally {
      await stop(child);
    }
  }
  report(label, runs);
  return runs;
}

const scratch = () => mkdtempSync(path.join(os.tmpdir(), 'hangar-startup-'));

test('the release app: exec to first paint, and its memory', { timeout: 900_000 }, async () => {
  console.log(`${binary}: ${(statSync(binary).size / 2 ** 20).toFixed(0)} MiB`);
  const newUser = await timeStarts('a new user (the Sandbox emulator starts)', scratch);

  const withProfile = await timeStarts('a user with an AWS profile (no emulator)', () => {
    const dir = scratch();
    execFileSync(cli, ['--data-dir', dir, 'profile', 'add', 'work', '--region', 'eu-west-1', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--secret-stdin'], {
      input: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    return dir;
  });
  // Each figure is of the start it names.
  assert.ok(newUser.every((r) => r.settled.other.rss > 0), 'a new user\'s start ran the emulator');
  assert.ok(withProfile.every((r) => r.settled.other.rss === 0), 'a start with a profile ran no emulator');
});

test(`the release app's memory with a ${DIAGRAM_RESOURCES}-resource diagram open`, { timeout: 900_000 }, async () => {
  const app = await openApp({ binary });
  try {
    await waitUntilReady(app.browser);
    await app.browser.setWindowSize(1440, 900);
    // WebKitWebDriver starts the app: find it by its executable.
    const pid = [...processes().keys()].find((p) => {
      try {
        return readlinkSync(`/proc/${p}/exe`) === binary;
      } catch {
        return false;
      }
    });
    assert.ok(pid, `${binary} is running`);
    const before = memory(pid);
    await openEditor(app.browser);
    const hosts = DIAGRAM_RESOURCES - NETWORK_RESOURCES;
    const drawn = await draw(app.browser, blueprint(hosts), { minNodes: hosts, timeout: 60_000 });
    assert.ok(drawn, `the ${DIAGRAM_RESOURCES}-resource diagram was drawn`);
    await pause(SETTLE_MS);
    const after = memory(pid);
    const show = (m) =>
      `app + WebKit PSS ${mb(m.app.pss + m.webkit.pss).toFixed(0)} MB, RSS ${mb(m.app.rss + m.webkit.rss).toFixed(0)} MB (the shell ${mb(m.app.rss).toFixed(0)} MB)`;
    console.log(`ready, through WebDriver: ${show(before)}`);
    console.log(`with the ${DIAGRAM_RESOURCES}-resource diagram (${drawn.nodes} nodes) drawn: ${show(after)}`);
  } finally {
    await app.close();
  }
});
