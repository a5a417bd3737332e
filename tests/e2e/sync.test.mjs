// Sync with the real ward server (https, pinned certificate) in the real window: the app,
// signed in as Lan, enrolls from Cài đặt with the code and fingerprint the ward admin
// gave; the app and a CLI device (Bình) change the same citizen's address while the
// server is down; Bình syncs first when it is back; the app's Đồng bộ screen then shows
// the conflict with both values, and keeping Lan's sends it over Bình's.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { byTestId, cli, cliAs, cliBinary, launchOn, requireBinaries, screenshot, stepper, stopAndClean, waitVisible } from './harness.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-sync-'));
const registers = path.join(dir, 'registers');
const serverDb = path.join(dir, 'server.sqlite3');
const LAN = { MOTCUA_USER: 'lan.nt', MOTCUA_PASSWORD: 'mật khẩu của Lan' };
const BINH = { MOTCUA_USER: 'binh.tv', MOTCUA_PASSWORD: 'mật khẩu của Bình' };
const binhDb = path.join(dir, 'binh.sqlite3');
const RECORD = 'R000042';
const ADMIN = { MOTCUA_USER: 'quantri', MOTCUA_PASSWORD: 'quản trị phường 2026' };

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** `motcua serve` on `port`, once it says it listens. */
function serve(port) {
  const child = spawn(cliBinary, ['serve', '--db', serverDb, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('listening on') && resolve(child));
    child.on('exit', (code) => reject(new Error(`motcua serve exited with ${code}`)));
  });
}

async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

describe('a conflict between the app and another device, in the real window', { timeout: 170_000 }, () => {
  let app;
  let server;
  let port;
  let target;
  let url;
  let lanEnrollment;
  let binhEnrollment;
  const driver = () => app.driver;
  const step = stepper(() => app);

  before(
    async () => {
      requireBinaries();
      mkdirSync(registers);
      cli('demo', '--residents', '300', '--seed', '3', '--db', path.join(registers, 'demo-ward.sqlite3'));
      const source = path.join(dir, 'source.sqlite3');
      const extract = path.join(dir, 'trich-xuat.csv');
      cli('demo', '--residents', '300', '--seed', '9', '--db', source);
      cli('export', '--db', source, '--out', extract);
      cli('import', '--db', serverDb, '--ward', '00004', extract);
      // What the ward admin hands over for each device: a one-time code and the
      // server certificate's fingerprint.
      const enrollment = (login, name) => {
        const lines = cli('device', 'add', '--db', serverDb, '--name', `máy ${login}`, '--login', login, '--full-name', name, '--role', 'desk-officer').split('\n');
        const after = (prefix) => lines.find((l) => l.startsWith(prefix)).slice(prefix.length);
        return ['--code', after('enrollment code '), '--fingerprint', after('certificate fingerprint ')];
      };
      [lanEnrollment, binhEnrollment] = [enrollment('lan.nt', 'Nguyễn Thị Lan'), enrollment('binh.tv', 'Trần Văn Bình')];
      port = await freePort();
      server = await serve(port);
      url = `https://127.0.0.1:${port}`;
      cliAs(BINH, 'enroll', '--db', binhDb, '--server', url, ...binhEnrollment);
      // The app's own ward register, imported from the same extract, with Lan's account.
      const wardDb = path.join(registers, 'ward-register.sqlite3');
      cliAs(ADMIN, 'import', '--db', wardDb, '--ward', '00004', extract);
      cliAs({ ...ADMIN, MOTCUA_NEW_PASSWORD: LAN.MOTCUA_PASSWORD }, 'user', 'add', '--db', wardDb, '--login', 'lan.nt', '--name', 'Nguyễn Thị Lan', '--role', 'desk-officer');
      writeFileSync(path.join(registers, 'open-register'), 'real');
      target = JSON.parse(cli('show', '--db', serverDb, RECORD));
      app = await launchOn(dir, registers);
    },
    { timeout: 120_000 },
  );

  after(async () => {
    await stopServer(server);
    await stopAndClean(app, dir);
  }, { timeout: 30_000 });

  step('enrolls the app with the ward server from Cài đặt', async () => {
    await (await waitVisible(driver(), byTestId('login-input'), 60_000)).sendKeys(LAN.MOTCUA_USER);
    await (await driver().findElement(byTestId('password-input'))).sendKeys(LAN.MOTCUA_PASSWORD, Key.ENTER);
    await waitVisible(driver(), byTestId('officer'), 30_000);
    await (await driver().findElement(By.xpath("//nav//button[contains(normalize-space(.), 'Cài đặt')]"))).click();
    const [, code, , fingerprint] = lanEnrollment;
    await (await waitVisible(driver(), byTestId('enroll-server'))).sendKeys(url);
    await (await driver().findElement(byTestId('enroll-code'))).sendKeys(code);
    // A wrong fingerprint first: nothing is enrolled, and the code is not spent.
    const typed = await driver().findElement(byTestId('enroll-fingerprint'));
    await typed.sendKeys('00'.repeat(32));
    await (await driver().findElement(byTestId('enroll-submit'))).click();
    assert.match(await (await waitVisible(driver(), byTestId('enroll-error'), 20_000)).getText(), /dấu vân tay/);
    await typed.clear();
    await typed.sendKeys(fingerprint.toUpperCase());
    await (await driver().findElement(byTestId('enroll-submit'))).click();
    const enrolled = await waitVisible(driver(), byTestId('enrolled-to'), 30_000);
    assert.match(await enrolled.getText(), new RegExp(url.replace(/[.]/g, '\\.')));
    const badge = await waitVisible(driver(), byTestId('sync-badge'), 20_000);
    await driver().wait(async () => (await badge.getText()) === 'Đã đồng bộ', 20_000, 'the first sync ends');
    console.log(`screenshot: ${await screenshot(driver(), 'settings-enrolled.png')}`);
  });

  step('edits the citizen offline in the app', async () => {
    await stopServer(server);
    await (await driver().findElement(By.xpath("//nav//button[contains(normalize-space(.), 'Tra cứu')]"))).click();
    const input = await waitVisible(driver(), byTestId('search-input'), 30_000);
    await input.sendKeys(target.so_dinh_danh ?? target.ho_ten);
    const hit = await waitVisible(driver(), By.css(`[data-testid="search-hit"][data-ma="${RECORD}"]`), 20_000);
    await hit.click();
    await waitVisible(driver(), byTestId('person-detail'));
    await (await driver().findElement(By.css('[data-testid="field-edit"][data-field="noi_o_hien_tai"]'))).click();
    const box = await waitVisible(driver(), byTestId('field-input'));
    await box.clear();
    await box.sendKeys('Số 1 phố Lan', Key.ENTER);
    const shown = await waitVisible(driver(), By.css('dd[data-field="noi_o_hien_tai"]'));
    await driver().wait(async () => (await shown.getText()).includes('Số 1 phố Lan'), 10_000);
    const state = await waitVisible(driver(), byTestId('record-sync'));
    assert.equal(await state.getAttribute('data-state'), 'pending', 'the record says its edit waits for the server');
  });

  step('the other device changes the same field and reaches the server first', async () => {
    cliAs(BINH, 'edit', '--db', binhDb, '--record', RECORD, '--field', 'noi_o_hien_tai', '--value', 'Số 2 phố Bình');
    server = await serve(port);
    cliAs(BINH, 'sync', '--db', binhDb);
    assert.equal(JSON.parse(cli('show', '--db', serverDb, RECORD)).noi_o_hien_tai, 'Số 2 phố Bình');
  });

  step('shows the conflict with both values on the Đồng bộ screen', async () => {
    await (await driver().findElement(By.xpath("//nav//button[contains(normalize-space(.), 'Đồng bộ')]"))).click();
    await waitVisible(driver(), byTestId('sync-screen'));
    await (await driver().findElement(byTestId('sync-now'))).click();
    const conflict = await waitVisible(driver(), byTestId('conflict'), 30_000);
    assert.equal(await (await conflict.findElement(byTestId('conflict-mine'))).getText(), 'Số 1 phố Lan');
    assert.equal(await (await conflict.findElement(byTestId('conflict-theirs'))).getText(), 'Số 2 phố Bình');
    const badge = await driver().findElement(byTestId('sync-badge'));
    await driver().wait(async () => (await badge.getText()) === '1 xung đột', 10_000, 'the header says there is a conflict');
    console.log(`screenshot: ${await screenshot(driver(), 'sync-conflict.png')}`);
  });

  step('keeps the officer’s value, which then reaches the server', async () => {
    await (await driver().findElement(byTestId('keep-mine'))).click();
    await waitVisible(driver(), byTestId('no-conflicts'), 20_000);
    await (await driver().findElement(byTestId('sync-now'))).click();
    await driver().wait(
      async () => JSON.parse(cli('show', '--db', serverDb, RECORD)).noi_o_hien_tai === 'Số 1 phố Lan',
      30_000,
      'the kept value reaches the server',
    );
    const phase = await driver().findElement(byTestId('sync-phase'));
    await driver().wait(async () => (await phase.getAttribute('data-phase')) === 'idle', 20_000);
    assert.equal(await (await driver().findElement(byTestId('sync-pending'))).getText(), '0');
  });

  step('wipes the ward register when the ward admin revokes this device', async () => {
    const devices = cli('device', 'list', '--db', serverDb).trim().split('\n').map((l) => JSON.parse(l));
    const lanDevice = devices.find((d) => d.officer.login === 'lan.nt');
    cli('device', 'revoke', '--db', serverDb, '--device', lanDevice.device_id);
    await (await driver().findElement(byTestId('sync-now'))).click();
    const alert = await waitVisible(driver(), By.css('[role="alert"]'), 30_000);
    assert.match(await alert.getText(), /thu hồi/);
    const wardDb = path.join(registers, 'ward-register.sqlite3');
    await driver().wait(async () => !existsSync(wardDb) && !existsSync(`${wardDb}.keys`), 10_000, 'the register and its key slots are gone');
    console.log(`screenshot: ${await screenshot(driver(), 'revoked.png')}`);
    // What is left is the demo ward.
    await (await driver().findElement(By.xpath("//button[normalize-space(.)='Thử lại']"))).click();
    await waitVisible(driver(), byTestId('demo-banner'), 60_000);
  });
});
