// Drives the real MotCua binary: tauri-driver (which starts WebKitWebDriver, which starts
// the app) on free ports, a WebDriver session whose application is the app, and helpers.
import { it } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, until } from 'selenium-webdriver';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const artifacts = path.join(root, 'tests', 'artifacts');
export const appBinary = path.resolve(process.env.MOTCUA_APP ?? path.join(root, 'target', 'debug', 'motcua-desk'));
export const cliBinary = path.resolve(process.env.MOTCUA_CLI ?? path.join(root, 'target', 'debug', 'motcua'));

/** Fails early, and plainly, when a binary has not been built. */
export function requireBinaries() {
  for (const [what, file, env] of [
    ['app', appBinary, 'MOTCUA_APP'],
    ['CLI', cliBinary, 'MOTCUA_CLI'],
  ]) {
    try {
      accessSync(file, constants.X_OK);
    } catch {
      throw new Error(
        `the ${what} binary ${file} is missing or not executable: ` +
          `build it with \`cargo build -p motcua-desk -p motcua\` or set ${env}`,
      );
    }
  }
}

/** Runs the CLI; its stdout, or an error that shows the command and its stderr. */
export function cli(...args) {
  return cliAs({}, ...args);
}

/** Runs the CLI with `env` added (MOTCUA_USER, MOTCUA_PASSWORD, …). */
export function cliAs(env, ...args) {
  const r = spawnSync(cliBinary, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  if (r.error) throw new Error(`motcua ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`motcua ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${r.stderr}`);
  }
  return r.stdout;
}

/** The folded form an officer types without diacritics: NFD, marks dropped, đ→d, lower case. */
export function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForPort(port, child, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`tauri-driver exited (${child.exitCode ?? child.signalCode}) before listening; see ${driverLog}`);
    }
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`tauri-driver did not listen on port ${port} within ${timeoutMs} ms; see ${driverLog}`);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function tauriDriverBinary() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo'), 'bin', 'tauri-driver');
  const onPath = (process.env.PATH ?? '').split(path.delimiter).some((d) => {
    try {
      accessSync(path.join(d, 'tauri-driver'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  return onPath ? 'tauri-driver' : cargoBin;
}

export const driverLog = path.join(artifacts, 'tauri-driver.log');

// Process groups still alive, killed however this process ends.
const groups = new Set();
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
process.on('exit', () => {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    for (const pid of groups) killGroup(pid, 'SIGKILL');
    process.exit(128 + os.constants.signals[sig]);
  });
}

/**
 * Starts tauri-driver with `env` (which reaches the app) and opens a session on the app.
 * Returns { driver, stop }; stop() ends the session and then every process tauri-driver
 * started (WebKitWebDriver, the app and its WebKit helpers share its process group).
 */
export async function launch(env, { startupMs = 60_000 } = {}) {
  mkdirSync(artifacts, { recursive: true });
  const port = await freePort();
  const nativePort = await freePort();
  const log = createWriteStream(driverLog);
  const child = spawn(tauriDriverBinary(), ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so that nothing it starts outlives the tests
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const spawned = new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) => reject(new Error(`cannot start tauri-driver: ${e.message}`)));
  });
  let driver;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      if (driver) await withTimeout(driver.quit(), 15_000, 'ending the WebDriver session');
    } catch (e) {
      console.error(`# ${e.message}`);
    } finally {
      if (child.pid) {
        killGroup(child.pid, 'SIGTERM');
        for (let i = 0; i < 30 && groupAlive(child.pid); i++) await sleep(100);
        killGroup(child.pid, 'SIGKILL');
        groups.delete(child.pid);
      }
    }
  };
  try {
    await spawned;
    groups.add(child.pid);
    await waitForPort(port, child);
    driver = await withTimeout(
      new Builder()
        .usingServer(`http://127.0.0.1:${port}/`)
        .withCapabilities({ browserName: 'wry', 'tauri:options': { application: appBinary } })
        .build(),
      startupMs,
      `opening a WebDriver session on ${appBinary}`,
    );
    return { driver, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export const byTestId = (id) => By.css(`[data-testid="${id}"]`);

export async function waitVisible(driver, locator, timeoutMs = 20_000) {
  const el = await driver.wait(until.elementLocated(locator), timeoutMs, `not found within ${timeoutMs} ms: ${locator}`);
  await driver.wait(until.elementIsVisible(el), timeoutMs, `not visible within ${timeoutMs} ms: ${locator}`);
  return el;
}

export async function screenshot(driver, name) {
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, name);
  writeFileSync(file, await driver.takeScreenshot(), 'base64');
  return file;
}

/**
 * A suite's test steps: `step(name, fn)` is a test of its own that, when it fails, saves
 * a screenshot of the app's window (`getApp()`) as tests/artifacts/failure-<name>.png.
 */
export function stepper(getApp) {
  return (name, fn) => it(name, { timeout: 60_000 }, () => shootOnFailure(getApp()?.driver, name.replace(/\W+/g, '-'), fn));
}

/** Runs `fn`; if it fails, saves a screenshot of the window as failure-<name>.png first. */
export async function shootOnFailure(driver, name, fn) {
  try {
    return await fn();
  } catch (e) {
    if (driver) {
      try {
        const file = await screenshot(driver, `failure-${name}.png`);
        e.message += `\n(screenshot of the window: ${file})`;
      } catch {
        // the window may be gone; the original error is what matters
      }
    }
    throw e;
  }
}

/**
 * Starts the app on the register folder `registers`, with its own and WebKit's files
 * under `dir` instead of the home directory.
 */
export function launchOn(dir, registers) {
  return launch({
    MOTCUA_DATA_DIR: registers,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
  });
}

/** Stops the app and removes `dir`, for a suite's `after`. */
export async function stopAndClean(app, dir) {
  try {
    await app?.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

