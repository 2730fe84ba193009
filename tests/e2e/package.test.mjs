// The installed app: the .deb `make test` bundles from its debug build (scripts/package.sh) is
// installed with apt on this machine, started from /usr/bin (not target/) as a user with a fresh
// home and none of the checkout's variables, opens the Sandbox on the emulator the package
// carries, plans a blueprint, lets the installed CLI make an environment, and is uninstalled; the
// user's history outlives it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { invoke, openApp, pageErrors, portIsOpen, repo, saveScreenshot, userEnv, waitUntilReady } from './harness.mjs';

const bundleDir = path.join(repo, 'target/debug/bundle/deb');
const home = mkdtempSync(path.join(os.tmpdir(), 'hangar-installed-'));
const dataDir = path.join(home, '.local/share/hangar');
const ENV_NAME = 'installed-smoke';

/** apt and dpkg as root: CI runs as root; elsewhere sudo must not need a password. */
function asRoot(command, args) {
  const [cmd, argv] = process.getuid() === 0 ? [command, args] : ['sudo', ['-n', command, ...args]];
  return execFileSync(cmd, argv, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function isInstalled() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', 'hangar'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).includes('install ok installed');
  } catch {
    return false;
  }
}

function debFile() {
  const debs = existsSync(bundleDir) ? readdirSync(bundleDir).filter((f) => f.endsWith('.deb')) : [];
  assert.equal(debs.length, 1, `one .deb in ${bundleDir} (scripts/package.sh debug deb makes it): ${debs}`);
  return path.join(bundleDir, debs[0]);
}

let app;
before(() => {
  asRoot('apt-get', ['install', '-y', '-q', '--reinstall', debFile()]);
});
after(async () => {
  await app?.close();
  // Whatever failed, the machine is left without the package.
  if (isInstalled()) asRoot('apt-get', ['purge', '-y', '-q', 'hangar']);
});

test('apt installs the app, the CLI, a desktop entry, icons at every size and the emulator', () => {
  assert.ok(isInstalled(), 'dpkg lists hangar as installed');
  const files = execFileSync('dpkg-query', ['-L', 'hangar'], { encoding: 'utf8' }).split('\n');
  for (const file of ['/usr/bin/hangar-app', '/usr/bin/hangar', '/usr/share/applications/Hangar.desktop']) {
    assert.ok(files.includes(file), `the package holds ${file}`);
  }
  const sizes = files
    .map((f) => f.match(/^\/usr\/share\/icons\/hicolor\/(\d+x\d+)\/apps\/hangar-app\.png$/)?.[1])
    .filter(Boolean);
  for (const size of ['16x16', '24x24', '32x32', '48x48', '64x64', '128x128', '256x256', '512x512']) {
    assert.ok(sizes.includes(size), `an icon of ${size}: ${sizes}`);
  }
  const entry = readFileSync('/usr/share/applications/Hangar.desktop', 'utf8');
  assert.match(entry, /^Exec=hangar-app/m);
  assert.match(entry, /^Icon=hangar-app$/m);
  // postinst built the emulator's virtualenv from the wheels the package carries, offline.
  assert.ok(existsSync('/usr/lib/hangar/emulator/bin/moto_server'), 'postinst made the emulator');
  // On the system's Python, which every user can run, not on whatever python3 root's PATH finds.
  assert.match(readFileSync('/usr/lib/hangar/emulator/pyvenv.cfg', 'utf8'), /^home = \/usr\/bin$/m);
  const moto = execFileSync('/usr/lib/hangar/emulator/bin/python', ['-c', 'import moto; print(moto.__version__)'], {
    encoding: 'utf8',
  }).trim();
  const pinned = readFileSync(path.join(repo, 'scripts/emulator-lock.txt'), 'utf8').match(/^moto==(\S+)$/m)[1];
  assert.equal(moto, pinned, 'the carried moto is the pinned one');
  assert.match(execFileSync('/usr/bin/hangar', ['--version'], { encoding: 'utf8' }), /^hangar \d+\.\d+\.\d+/);
});

test('every library the installed binaries load comes from a package apt pulls in', () => {
  // What a machine with nothing but the package would lack shows up here: a library owned by a
  // package outside the dependency closure of `hangar`.
  const closure = new Set(
    execFileSync('apt-cache', ['depends', '--recurse', '--no-recommends', '--no-suggests', '--no-conflicts',
      '--no-breaks', '--no-replaces', '--no-enhances', '--installed', 'hangar'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.replace(/^\s*(\|?(Pre)?Depends:\s*)?/, '').replace(/:amd64$/, '').trim())
      .filter((name) => name && !name.startsWith('<')),
  );
  assert.ok(closure.has('libwebkit2gtk-4.1-0') && closure.has('libc6'), `the closure was read: ${[...closure]}`);
  const libs = new Set();
  for (const binary of ['/usr/bin/hangar-app', '/usr/bin/hangar']) {
    for (const line of execFileSync('ldd', [binary], { encoding: 'utf8' }).split('\n')) {
      const lib = line.match(/=> (\/\S+)/)?.[1];
      if (lib) libs.add(lib);
    }
  }
  assert.ok(libs.size > 20, `ldd listed the libraries: ${[...libs]}`);
  // Debian 12 merges /lib into /usr/lib; dpkg knows each file by the path its package ships.
  const spellings = (lib) => {
    const real = realpathSync(lib);
    return [...new Set([lib, real, ...[lib, real].map((p) => p.replace(/^\/lib\//, '/usr/lib/'))])];
  };
  // One dpkg call for all: it exits 1 when some spelling is unknown, and still prints the rest.
  const { stdout } = spawnSync('dpkg', ['-S', ...[...libs].flatMap(spellings)], { encoding: 'utf8' });
  const owners = new Map();
  for (const line of stdout.split('\n')) {
    const match = line.match(/^(\S+?)(?::amd64)?: (\/.+)$/);
    if (match) owners.set(match[2], match[1]);
  }
  const missing = [];
  for (const lib of libs) {
    const owner = spellings(lib).map((p) => owners.get(p)).find(Boolean);
    if (!owner || !closure.has(owner)) missing.push(`${lib} (${owner ?? 'no package'})`);
  }
  assert.deepEqual(missing, [], 'libraries outside what `apt install ./hangar_*.deb` pulls in');
});

test('the installed app opens the Sandbox on the carried emulator and plans a blueprint', async () => {
  app = await openApp({ installed: { application: '/usr/bin/hangar-app', home } });
  const { browser } = app;
  await waitUntilReady(browser);
  await browser.setWindowSize(1440, 900);

  const info = await invoke(browser, 'app_info');
  assert.ok(info.ok?.sandbox, `the installed app runs the Sandbox: ${JSON.stringify(info)}`);
  assert.equal(info.ok.dataDir, dataDir, 'the default data directory of a user with this home');
  assert.ok(await portIsOpen(Number(new URL(info.ok.sandbox.endpoint).port)), 'the emulator answers');
  const emulators = execFileSync('pgrep', ['-af', '/usr/lib/hangar/emulator/bin/python'], { encoding: 'utf8' });
  assert.match(emulators, /moto_server/, 'the emulator that runs is the one the package carries');

  await (await browser.$('[data-testid="nav-profiles"]')).click();
  const row = await browser.$('[data-testid="profile-row"][data-profile="Sandbox"]');
  await row.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the Profiles screen never listed the Sandbox' });

  await (await browser.$('[data-testid="nav-blueprints"]')).click();
  const item = await browser.$('[data-testid="blueprint-item"][data-name="single-host-dev"]');
  await item.waitForDisplayed({ timeout: 10_000 });
  await item.click();
  await browser.waitUntil(
    async () =>
      browser.execute(() =>
        [...document.querySelectorAll('[data-testid="diagram-node"]')].some((n) =>
          n.getAttribute('data-id')?.startsWith('instance.'),
        ),
      ),
    { timeout: 20_000, timeoutMsg: 'the plan of single-host-dev never drew its instance' },
  );
  await saveScreenshot(browser, 'installed-app-plan.png');
  assert.deepEqual(await pageErrors(browser), []);
});

test('the installed CLI makes an environment in the same history, through the same Sandbox', () => {
  // stdout is the generated password, shown once; the log goes to stderr.
  execFileSync('/usr/bin/hangar', ['up', 'single-host-dev', '--name', ENV_NAME, '--profile', 'Sandbox'], {
    env: userEnv(home),
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 180_000,
  });
  const list = JSON.parse(execFileSync('/usr/bin/hangar', ['--json', 'list'], { encoding: 'utf8', env: userEnv(home) }));
  assert.deepEqual(
    list.map((e) => [e.name, e.status, e.profile]),
    [[ENV_NAME, 'ready', 'Sandbox']],
  );
});

test('uninstalling removes the app and its emulator, and keeps the user history', async () => {
  await app.close();
  app = undefined;
  const before = statSync(path.join(dataDir, 'hangar.sqlite3'));
  asRoot('apt-get', ['remove', '-y', '-q', 'hangar']);
  assert.ok(!isInstalled(), 'dpkg no longer lists hangar');
  for (const gone of ['/usr/bin/hangar-app', '/usr/bin/hangar', '/usr/lib/hangar']) {
    assert.ok(!existsSync(gone), `${gone} is gone`);
  }
  const after = statSync(path.join(dataDir, 'hangar.sqlite3'));
  assert.equal(after.ino, before.ino, 'the history database is the same file');
  // Read back with the checkout's CLI: the package's is gone with it.
  const list = JSON.parse(
    execFileSync(path.join(repo, 'target/debug/hangar'), ['--json', '--data-dir', dataDir, 'list'], {
      encoding: 'utf8',
      env: userEnv(home),
    }),
  );
  assert.deepEqual(
    list.map((e) => [e.name, e.status]),
    [[ENV_NAME, 'ready']],
    'the environment the installed CLI made is still in the history',
  );
});
