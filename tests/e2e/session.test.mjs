// Signing in to the ward's encrypted register in the real window: each officer with
// their own account, a wrong password said in Vietnamese, Ctrl+L locking the session and
// its PIN reopening it (a wrong PIN counted), signing out; and every access left in the
// register's audit log, whose chain the CLI verifies.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Key } from 'selenium-webdriver';
import { byTestId, cli, cliAs, fold, launchOn, requireBinaries, screenshot, stepper, stopAndClean, waitVisible } from './harness.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-session-'));
const registers = path.join(dir, 'registers');
const wardDb = path.join(registers, 'ward-register.sqlite3');
const ADMIN = { MOTCUA_USER: 'quantri', MOTCUA_PASSWORD: 'Quản trị Ba Đình 2026' };
const LAN = { login: 'lan.nt', password: 'mật khẩu của Lan', pin: '2468' };

/** The ward's register made by the CLI, encrypted, with a desk officer's account. */
function makeWardRegister() {
  const source = path.join(dir, 'source.sqlite3');
  const extract = path.join(dir, 'trich-xuat.csv');
  cli('demo', '--residents', '300', '--seed', '8', '--db', source);
  cli('export', '--db', source, '--out', extract);
  cliAs(ADMIN, 'import', '--db', wardDb, '--ward', '00004', extract);
  cliAs(
    { ...ADMIN, MOTCUA_NEW_PASSWORD: LAN.password },
    'user', 'add', '--db', wardDb, '--login', LAN.login, '--name', 'Nguyễn Thị Lan', '--role', 'desk-officer',
  );
  writeFileSync(path.join(registers, 'open-register'), 'real');
  const [header, first] = readFileSync(extract, 'utf8').split('\n');
  return first.split(',')[header.split(',').indexOf('ho_ten')];
}

describe('signing in, locking and unlocking in the real window', { timeout: 170_000 }, () => {
  let app;
  let someone;
  const driver = () => app.driver;
  const step = stepper(() => app);

  before(
    async () => {
      requireBinaries();
      mkdirSync(registers);
      cli('demo', '--residents', '300', '--seed', '3', '--db', path.join(registers, 'demo-ward.sqlite3'));
      someone = makeWardRegister();
      app = await launchOn(dir, registers);
    },
    { timeout: 120_000 },
  );

  after(() => stopAndClean(app, dir), { timeout: 30_000 });

  async function signIn(password, pin = '') {
    const login = await waitVisible(driver(), byTestId('login-input'), 60_000);
    await login.clear();
    await login.sendKeys(LAN.login);
    const pw = await driver().findElement(byTestId('password-input'));
    await pw.clear();
    await pw.sendKeys(password);
    if (pin) await (await driver().findElement(byTestId('new-pin-input'))).sendKeys(pin);
    await (await driver().findElement(byTestId('signin-submit'))).click();
  }

  async function searchFinds(name) {
    const input = await waitVisible(driver(), byTestId('search-input'), 20_000);
    await input.sendKeys(Key.ESCAPE, fold(name));
    await driver().wait(async () => (await driver().findElements(byTestId('search-hit'))).length > 0, 15_000, `searching ${name}`);
  }

  step('asks for an account first, and says so in Vietnamese when the password is wrong', async () => {
    await signIn('mật khẩu sai');
    const error = await waitVisible(driver(), byTestId('signin-error'), 20_000);
    assert.match(await error.getText(), /Tên đăng nhập hoặc mật khẩu không đúng/);
    assert.equal(await (await driver().findElement(byTestId('login-input'))).getAttribute('value'), LAN.login, 'the login is kept');
    console.log(`screenshot: ${await screenshot(driver(), 'signin.png')}`);
  });

  step('opens the register for the officer, with their name and role in the header', async () => {
    await signIn(LAN.password, LAN.pin);
    const officer = await waitVisible(driver(), byTestId('officer'), 20_000);
    assert.match(await officer.getText(), /Nguyễn Thị Lan · Cán bộ một cửa/);
    await searchFinds(someone);
  });

  step('locks with Ctrl+L and reopens with the PIN, counting a wrong one', async () => {
    await (await driver().findElement(byTestId('search-input'))).sendKeys(Key.chord(Key.CONTROL, 'l'));
    const pin = await waitVisible(driver(), byTestId('pin-input'), 20_000);
    assert.equal((await driver().findElements(byTestId('search-input'))).length, 0, 'nothing of the register shows');
    console.log(`screenshot: ${await screenshot(driver(), 'locked.png')}`);
    await pin.sendKeys('1111', Key.ENTER);
    const error = await waitVisible(driver(), byTestId('signin-error'), 20_000);
    assert.match(await error.getText(), /Mã PIN không đúng/);
    await driver().wait(async () => (await driver().findElement(byTestId('signin')).getText()).includes('Còn 2 lần'), 5_000);
    await (await driver().findElement(byTestId('pin-input'))).sendKeys(LAN.pin, Key.ENTER);
    await waitVisible(driver(), byTestId('officer'), 20_000);
    await searchFinds(someone);
  });

  step('signs out to the sign-in form', async () => {
    await (await driver().findElement(byTestId('sign-out'))).click();
    await waitVisible(driver(), byTestId('password-input'), 20_000);
    assert.equal((await driver().findElements(byTestId('pin-input'))).length, 0, 'the PIN no longer opens it');
  });

  step('left every access in the audit log, without the names searched, its chain intact', async () => {
    const entries = cliAs(ADMIN, 'audit', '--db', wardDb).trim().split('\n').map((l) => JSON.parse(l));
    const lan = entries.filter((e) => e.officer === LAN.login).map((e) => `${e.action}${e.detail === 'pin' ? ':pin' : ''}`);
    assert.deepEqual(
      lan.filter((a) => a !== 'search'),
      ['unlock', 'lock', 'unlock:pin', 'lock'],
      `lan.nt's entries: ${lan.join(', ')}`,
    );
    assert.ok(lan.includes('search'), 'the searches are recorded');
    const text = JSON.stringify(entries);
    assert.equal(text.includes(someone) || text.includes(fold(someone)), false, 'no name in the audit log');
    assert.match(cliAs(ADMIN, 'audit', '--db', wardDb, '--verify'), /audit log intact/);
  });
});
