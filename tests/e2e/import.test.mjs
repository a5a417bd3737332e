// Importing the ward's extract from the real app window: the first import makes the
// ward's own register beside the demo ward, encrypted, with the ward admin account typed
// there; bad rows are listed in Vietnamese while good rows land, a second import of the
// same file changes nothing, and the officer can go back to the demo ward and sign in
// to the ward's register again.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { byTestId, cli, driverLog, fold, launchOn, requireBinaries, screenshot, stepper, stopAndClean, waitVisible } from './harness.mjs';

const RESIDENTS = 400;
const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-import-'));
const registers = path.join(dir, 'registers');
const extract = path.join(dir, 'trich-xuat.csv');
const ADMIN = { login: 'quantri', password: 'Quản trị Ba Đình 2026' };

/**
 * A ward extract in the interchange format (a register the CLI makes and exports), with
 * two bad rows appended: an unreadable birth date, and a row cut short.
 */
function writeExtract() {
  const source = path.join(dir, 'source.sqlite3');
  cli('demo', '--residents', String(RESIDENTS), '--seed', '5', '--db', source);
  cli('export', '--db', source, '--out', extract);
  const text = readFileSync(extract, 'utf8');
  const [header, first] = text.split('\n');
  const columns = header.split(',');
  const cells = columns.map(() => '');
  cells[columns.indexOf('ma_ban_ghi')] = 'LOI-NGAY';
  cells[columns.indexOf('ho_ten')] = 'Phạm Văn Lỗi';
  cells[columns.indexOf('ngay_sinh')] = 'năm ngoái';
  appendFileSync(extract, `${cells.join(',')}\nLOI-O,Thiếu Ô\n`);
  const lines = text.trimEnd().split('\n').length;
  const ho_ten = first.split(',')[columns.indexOf('ho_ten')];
  const ma = first.split(',')[columns.indexOf('ma_ban_ghi')];
  return { badDateLine: lines + 1, shortLine: lines + 2, first: { ma, ho_ten } };
}

describe('importing an extract in the real window', { timeout: 170_000 }, () => {
  let app;
  let file;
  const driver = () => app.driver;
  const step = stepper(() => app);
  const navItem = (label) => By.xpath(`//nav//button[contains(normalize-space(.), '${label}')]`);

  before(
    async () => {
      requireBinaries();
      mkdirSync(registers);
      file = writeExtract();
      // A small demo ward, so the app does not spend the test making its default one.
      cli('demo', '--residents', '300', '--seed', '3', '--db', path.join(registers, 'demo-ward.sqlite3'));
      app = await launchOn(dir, registers);
    },
    { timeout: 120_000 },
  );

  after(() => stopAndClean(app, dir), { timeout: 30_000 });

  async function importFile() {
    const input = await waitVisible(driver(), byTestId('import-path'));
    await input.clear();
    await input.sendKeys(extract);
    const start = await driver().findElement(byTestId('import-start'));
    await driver().wait(async () => start.isEnabled(), 5_000, 'the import button is enabled once a file (and ward) is given');
    await start.click();
    // The summary of this import: wait until the button is back (the import ended).
    await driver().wait(async () => (await start.getText()) === 'Nhập dữ liệu', 60_000, 'the import ends');
    const failed = await driver().findElements(byTestId('import-failed'));
    if (failed.length) assert.fail(`the import failed: ${await failed[0].getText()}`);
    return waitVisible(driver(), byTestId('import-report'));
  }

  step('makes the ward register from a first import, listing the bad rows', async () => {
    await waitVisible(driver(), byTestId('demo-banner'), 60_000);
    await (await driver().findElement(navItem('Sổ dân cư'))).click();
    const current = await waitVisible(driver(), byTestId('register-current'));
    assert.match(await current.getText(), /Phường mẫu/, 'the demo ward is open');

    const ward = await waitVisible(driver(), byTestId('ward-input'));
    await ward.sendKeys('ba dinh ha noi');
    const choice = await waitVisible(driver(), By.css('[data-testid="ward-choice"][data-code="00004"]'));
    await choice.click();
    const chosen = await waitVisible(driver(), byTestId('ward-chosen'));
    assert.match(await chosen.getText(), /Phường Ba Đình.*00004/);
    await (await driver().findElement(byTestId('admin-login'))).sendKeys(ADMIN.login);
    await (await driver().findElement(byTestId('admin-password'))).sendKeys(ADMIN.password);
    await (await driver().findElement(byTestId('admin-confirm'))).sendKeys(ADMIN.password);

    const report = await importFile();
    const summary = await report.getText();
    const want = `${RESIDENTS + 2} dòng: ${RESIDENTS} mới, 0 cập nhật, 0 không đổi, 2 bị từ chối.`;
    assert.ok(summary.includes(want), `the summary says "${want}"; it says "${summary}"`);
    const rows = await driver().findElements(byTestId('import-error'));
    const byLine = {};
    for (const r of rows) byLine[await r.getAttribute('data-line')] = await r.getText();
    assert.deepEqual(Object.keys(byLine).sort(), [String(file.badDateLine), String(file.shortLine)].sort(), JSON.stringify(byLine));
    assert.match(byLine[file.badDateLine], /LOI-NGAY.*không đọc được ngày "năm ngoái"/);
    assert.match(byLine[file.shortLine], /dòng có 2 ô/);

    // The ward's register is open now: its own counts, no demo banner.
    const header = await driver().findElement(byTestId('ward'));
    await driver().wait(async () => (await header.getText()).includes(`${RESIDENTS} nhân khẩu`), 10_000);
    assert.equal((await driver().findElements(byTestId('demo-banner'))).length, 0, 'no demo banner over real data');
    assert.match(await current.getText(), /Sổ dân cư của phường/);
    const officer = await driver().findElement(byTestId('officer'));
    assert.match(await officer.getText(), /quantri · Quản trị phường/);
    console.log(`screenshot: ${await screenshot(driver(), 'import-report.png')}`);
  });

  step('keeps no name of the extract readable in the register files', async () => {
    const files = readdirSync(registers).filter((f) => f.startsWith('ward-register.sqlite3'));
    assert.ok(files.includes('ward-register.sqlite3.keys'), `the key slots are beside it: ${files}`);
    const raw = Buffer.concat(files.map((f) => readFileSync(path.join(registers, f))));
    assert.equal(raw.subarray(0, 15).toString('latin1') === 'SQLite format 3', false, 'no plaintext header');
    assert.equal(raw.includes(Buffer.from(file.first.ho_ten)), false, `"${file.first.ho_ten}" is not in the raw files`);
  });

  step('finds an imported citizen at once', async () => {
    await (await driver().findElement(navItem('Tra cứu'))).click();
    const input = await waitVisible(driver(), byTestId('search-input'));
    await input.sendKeys(fold(file.first.ho_ten));
    await driver().wait(
      async () => (await driver().findElements(By.css(`[data-testid="search-hit"][data-ma="${file.first.ma}"]`))).length > 0,
      15_000,
      `searching "${fold(file.first.ho_ten)}" lists ${file.first.ma}`,
    );
  });

  step('changes nothing when the same file is imported again', async () => {
    await (await driver().findElement(navItem('Sổ dân cư'))).click();
    await waitVisible(driver(), byTestId('import-path'));
    assert.equal((await driver().findElements(byTestId('ward-input'))).length, 0, 'the ward is not asked again');
    const report = await importFile();
    const want = `${RESIDENTS + 2} dòng: 0 mới, 0 cập nhật, ${RESIDENTS} không đổi, 2 bị từ chối.`;
    await driver().wait(async () => (await report.getText()).includes(want), 5_000, `the summary says "${want}"`);
  });

  step('says in Vietnamese why a file cannot be read, and keeps the path', async () => {
    const input = await waitVisible(driver(), byTestId('import-path'));
    await input.clear();
    const missing = path.join(dir, 'khong-co.csv');
    await input.sendKeys(missing);
    await (await driver().findElement(byTestId('import-start'))).click();
    const failed = await waitVisible(driver(), byTestId('import-failed'), 20_000);
    assert.match(await failed.getText(), /Không đọc được tệp/);
    assert.equal(await input.getAttribute('value'), missing);
  });

  step('goes back to the demo ward, the ward register locked behind it', async () => {
    await (await driver().findElement(byTestId('switch-demo'))).click();
    await waitVisible(driver(), byTestId('demo-banner'), 20_000);
    assert.equal((await driver().findElements(byTestId('officer'))).length, 0, 'nobody is signed in to the demo');
    const back = await waitVisible(driver(), byTestId('switch-ward'));
    assert.match(await back.getText(), /Đăng nhập sổ của phường/);
    assert.match(await (await waitVisible(driver(), byTestId('import-locked'))).getText(), /đang khóa/);
  });

  step('signs in to the ward register again with the admin account', async () => {
    await (await driver().findElement(byTestId('switch-ward'))).click();
    const login = await waitVisible(driver(), byTestId('login-input'));
    await login.sendKeys(ADMIN.login);
    await (await driver().findElement(byTestId('password-input'))).sendKeys(ADMIN.password, Key.ENTER);
    const header = await waitVisible(driver(), byTestId('ward'), 20_000);
    await driver().wait(async () => (await header.getText()).includes(`${RESIDENTS} nhân khẩu`), 10_000);
    assert.match(await (await driver().findElement(byTestId('officer'))).getText(), /quantri/);
  });

});

process.on('exit', (code) => {
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) console.error(`# tauri-driver and WebKitWebDriver output: ${driverLog}`);
});
