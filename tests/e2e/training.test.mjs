// The trainer's demo ward in the real window: the app makes its demo ward (with three
// months of filings), the trainer resets it, runs the "record with only a birth year"
// scenario to its end with the keyboard alone (F7, Tab, Enter, typing, F8), and resets
// it again: the register's content is the starting one again, as the CLI reads it.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { byTestId, cli, launchOn, requireBinaries, screenshot, stepper, stopAndClean, waitVisible } from './harness.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-training-'));
const registers = path.join(dir, 'registers');
const db = path.join(registers, 'demo-ward.sqlite3');

describe('trainer mode in the real window', { timeout: 400_000 }, () => {
  let app;
  let start;
  let subject;
  const driver = () => app.driver;
  const step = stepper(() => app);
  const active = () => driver().switchTo().activeElement();
  const press = async (...keys) => (await active()).sendKeys(...keys);
  const panel = () => driver().findElement(byTestId('scenario-panel'));

  before(
    async () => {
      requireBinaries();
      mkdirSync(registers);
      app = await launchOn(dir, registers);
    },
    { timeout: 120_000 },
  );

  after(() => stopAndClean(app, dir), { timeout: 30_000 });

  step('the app makes its demo ward, with filings, under the banner; one click resets it', async () => {
    await waitVisible(driver(), byTestId('demo-banner'), 180_000);
    await waitVisible(driver(), byTestId('search-input'), 60_000);
    const filed = cli('procedure', 'applications', '--db', db).split('\n').filter((l) => l.trim()).length;
    assert.ok(filed >= 1000, `the demo ward has three months of filings (${filed})`);
    start = cli('digest', '--db', db).trim();
    await (await driver().findElement(byTestId('demo-reset'))).click();
    await waitVisible(driver(), byTestId('search-input'), 180_000);
    assert.equal(cli('digest', '--db', db).trim(), start, 'a fresh demo ward is the same ward');
  });

  step('F7 lists the scenarios; Tab and Enter start "only a birth year"', async () => {
    await press('/');
    await press(Key.F7);
    await waitVisible(driver(), byTestId('scenario-panel'), 10_000);
    await driver().wait(async () => (await active()).getAttribute('data-testid').then((id) => id === 'scenario-choice'), 10_000, 'the first scenario has the focus');
    for (let i = 0; i < 6 && (await (await active()).getAttribute('data-id')) !== 'year_only'; i++) await press(Key.TAB);
    assert.equal(await (await active()).getAttribute('data-id'), 'year_only');
    await press(Key.ENTER);
    const who = await waitVisible(driver(), byTestId('scenario-subject'), 10_000);
    const name = (await who.getText()).replace(/^[^:]*:\s*/, '');
    subject = JSON.parse(cli('search', '--db', db, '--format', 'jsonl', '--limit', '50', name).split('\n')[0]);
    assert.equal(subject.ho_ten, name);
    assert.match(subject.ngay_sinh, /^\d{4}$/, 'the scenario is about a record with only a year');
    assert.equal(await (await active()).getAttribute('data-testid'), 'search-input', 'the focus is where the first step acts');
    await screenshot(driver(), 'training-step-1.png');
  });

  step('the officer finds the citizen, opens the record and completes the birth date, keys only', async () => {
    await press(`${subject.ho_ten} ${subject.ngay_sinh}`);
    await driver().wait(async () => (await panel().getAttribute('data-step')) === '1', 20_000, 'the citizen is found');
    await press(Key.ENTER);
    await driver().wait(async () => (await panel().getAttribute('data-step')) === '2', 20_000, 'the record is open');
    await press(Key.F8);
    assert.equal(await (await active()).getAttribute('data-field'), 'ngay_sinh', 'F8 moved the focus to the step');
    await screenshot(driver(), 'training-step-3.png');
    await press(Key.ENTER);
    await driver().wait(async () => (await panel().getAttribute('data-step')) === '3', 10_000, 'the date is being edited');
    await press(Key.F8);
    const box = await active();
    assert.equal(await box.getAttribute('data-testid'), 'field-input');
    // The value is selected when the field opens: typing replaces it.
    await box.sendKeys(`15/03/${subject.ngay_sinh}`);
    await screenshot(driver(), 'training-typed.png');
    await box.sendKeys(Key.ENTER);
    await waitVisible(driver(), byTestId('scenario-finished'), 20_000);
    await screenshot(driver(), 'training-finished.png');
    const shown = JSON.parse(cli('show', '--db', db, subject.ma_ban_ghi));
    assert.equal(shown.ngay_sinh, `15/03/${subject.ngay_sinh}`, 'the register holds the full date');
    assert.notEqual(cli('digest', '--db', db).trim(), start);
  });

  step('Enter on "Đặt lại dữ liệu mẫu" brings the starting ward back', async () => {
    assert.equal(await (await active()).getAttribute('data-testid'), 'scenario-reset', 'the reset waits under the focus');
    await press(Key.ENTER);
    await waitVisible(driver(), byTestId('search-input'), 180_000);
    await driver().wait(async () => cli('digest', '--db', db).trim() === start, 30_000, 'the register is the starting one');
    const shown = JSON.parse(cli('show', '--db', db, subject.ma_ban_ghi));
    assert.equal(shown.ngay_sinh, subject.ngay_sinh, 'the birth date is a year again');
    assert.equal((await driver().findElements(byTestId('scenario-panel'))).length, 0, 'the panel closed with the reset');
  });

  /** Starts scenario `id` from the panel (F7, Tab to it, Enter); the person's name. */
  async function startScenario(id) {
    await press(Key.F7);
    await waitVisible(driver(), byTestId('scenario-panel'), 10_000);
    await driver().wait(async () => (await (await active()).getAttribute('data-testid')) === 'scenario-choice', 10_000);
    for (let i = 0; i < 6 && (await (await active()).getAttribute('data-id')) !== id; i++) await press(Key.TAB);
    assert.equal(await (await active()).getAttribute('data-id'), id);
    await press(Key.ENTER);
    await driver().wait(async () => (await panel().getAttribute('data-scenario')) === id, 10_000);
  }

  const atStep = (n, what, ms = 20_000) => driver().wait(async () => Number(await panel().getAttribute('data-step')) >= n, ms, what);

  step('"an elderly woman whose phone is her son\'s": keys only, to the failed phone check and its guidance', async () => {
    await press('/');
    await startScenario('elderly_vneid');
    const name = (await (await driver().findElement(byTestId('scenario-subject'))).getText()).replace(/^[^:]*:\s*/, '');
    const hit = JSON.parse(cli('search', '--db', db, '--format', 'jsonl', '--limit', '50', name).split('\n')[0]);
    await press(`${name} ${hit.ngay_sinh}`);
    await atStep(1, 'she is found');
    await press(Key.ENTER);
    await atStep(2, 'her record is open');
    await press(Key.F8);
    await press(Key.ENTER);
    await atStep(3, 'the procedures are offered');
    await press(Key.F8);
    await press(Key.ENTER);
    await atStep(4, 'the VNeID walk has begun');
    await press(Key.F8);
    await press('k');
    await waitVisible(driver(), byTestId('scenario-finished'), 20_000);
    const check = await driver().findElement(By.css('[data-testid="check"][data-key="so_chinh_chu"]'));
    assert.equal(await check.getAttribute('data-outcome'), 'failed');
    await screenshot(driver(), 'training-elderly.png');
    await press(Key.ESCAPE);
  });

  step('"a newborn\'s bundle": from the mother\'s record to the papers of the bundled procedure', async () => {
    await (await driver().findElement(byTestId('scenario-close'))).click();
    await press('/');
    await startScenario('newborn_bundle');
    const name = (await (await driver().findElement(byTestId('scenario-subject'))).getText()).replace(/^[^:]*:\s*/, '');
    const hit = JSON.parse(cli('search', '--db', db, '--format', 'jsonl', '--limit', '50', name).split('\n')[0]);
    await press(`${name} ${hit.ngay_sinh}`);
    await atStep(1, 'the mother is found');
    await press(Key.ENTER);
    await atStep(2, 'her record is open');
    for (const [n, what] of [[3, 'the procedures are offered'], [4, 'the bundle has begun']]) {
      await press(Key.F8);
      await press(Key.ENTER);
      await atStep(n, what);
    }
    await press(Key.F8);
    assert.equal(await (await active()).getAttribute('data-tab'), 'papers');
    await press(Key.ENTER);
    await waitVisible(driver(), byTestId('scenario-finished'), 20_000);
    await waitVisible(driver(), byTestId('panel-papers'), 10_000);
  });

  step('"a duplicate left by a move": the review finds it and its records open side by side', async () => {
    await (await driver().findElement(byTestId('scenario-close'))).click();
    await press('/');
    await startScenario('moved_duplicate');
    await press(Key.F8);
    await press(Key.ENTER);
    await atStep(1, 'Rà soát is open');
    await press(Key.F8);
    await press(Key.ENTER);
    await atStep(2, 'the review ran', 120_000);
    await driver().wait(async () => (await driver().findElements(byTestId('scenario-subject'))).length > 0, 10_000, 'the duplicate is known');
    await press(Key.F8);
    const kind = await active();
    assert.equal(await kind.getAttribute('data-testid'), 'filter-kind');
    await kind.findElement(By.css('option[value="duplicate"]')).click();
    await atStep(3, 'only duplicates are listed');
    await press(Key.F8);
    await press(Key.ENTER);
    await waitVisible(driver(), byTestId('scenario-finished'), 20_000);
    await waitVisible(driver(), byTestId('merge-view'), 10_000);
    await screenshot(driver(), 'training-duplicate.png');
  });
});
