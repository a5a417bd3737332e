// Drives the real MotCua binary: tauri-driver (which starts WebKitWebDriver) on a free
// port, a WebDriver session whose application is the app, and small helpers.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, until } from 'selenium-webdriver';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const artifacts = path.join(root, 'tests', 'artifacts');
export const appBinary = process.env.MOTCUA_APP ?? path.join(root, 'target', 'debug', 'motcua-desk');
export const cliBinary = process.env.MOTCUA_CLI ?? path.join(root, 'target', 'debug', 'motcua');

export function cli(...args) {
  return execFileSync(cliBinary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The folded form an officer types without diacritics. */
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

async function waitForPort(port, child, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${timeoutMs} ms`);
}

/** Starts tauri-driver and the app with `env`; returns { driver, stop }. */
export async function launch(env) {
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitForPort(port, child);
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}/`)
      .withCapabilities({ browserName: 'wry', 'tauri:options': { application: appBinary } })
      .build();
    const stop = async () => {
      try {
        await driver.quit();
      } finally {
        child.kill();
      }
    };
    return { driver, stop };
  } catch (e) {
    child.kill();
    throw e;
  }
}

export const byTestId = (id) => By.css(`[data-testid="${id}"]`);

export async function waitVisible(driver, locator, timeoutMs = 20_000) {
  const el = await driver.wait(until.elementLocated(locator), timeoutMs, `not found: ${locator}`);
  await driver.wait(until.elementIsVisible(el), timeoutMs, `not visible: ${locator}`);
  return el;
}

export async function screenshot(driver, name) {
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, name);
  writeFileSync(file, await driver.takeScreenshot(), 'base64');
  return file;
}
