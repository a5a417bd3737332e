// The desk officer's first screen, end to end: the real app window on a demo register
// made by the CLI, searched without diacritics, a citizen opened with their household.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { byTestId, cli, driverLog, fold, launchOn, requireBinaries, screenshot, stepper, stopAndClean, waitVisible } from './harness.mjs';

const RESIDENTS = '3000';
const SEED = '11';
const NAV = ['Tra cứu', 'Sổ dân cư', 'Rà soát dữ liệu', 'Thủ tục & VNeID', 'Thống kê', 'Đồng bộ', 'Cài đặt'];

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
// The app's folder of registers; the CLI makes its demo ward there, the app opens it.
const registers = path.join(dir, 'registers');
const db = path.join(registers, 'demo-ward.sqlite3');

const jsonl = (out) =>
  out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/**
 * The first "Nguyễn" hit whose name has a letter outside ASCII and whose household has at
 * least two members. It must also have a well-formed 12-digit ID, for the ID search: the
 * demo ward plants malformed IDs on purpose.
 */
function pickTarget() {
  const hits = jsonl(cli('search', '--db', db, '--format', 'jsonl', '--limit', '200', 'Nguyễn'));
  assert.ok(hits.length > 0, 'the CLI finds someone named Nguyễn in the demo ward');
  for (const hit of hits) {
    if (!/[^\x00-\x7F]/u.test(hit.ho_ten)) continue;
    const detail = JSON.parse(cli('show', '--db', db, hit.ma_ban_ghi));
    assert.equal(detail.ma_ban_ghi, hit.ma_ban_ghi, 'motcua show answers for the record asked');
    if ((detail.household?.members?.length ?? 0) >= 2 && /^\d{12}$/.test(detail.so_dinh_danh ?? '')) return detail;
  }
  throw new Error(`none of ${hits.length} "Nguyễn" hits has diacritics, a 12-digit ID and a household of 2+`);
}

describe('search and detail in the real window', { timeout: 170_000 }, () => {
  let app;
  let target;
  const driver = () => app.driver;
  const step = stepper(() => app);

  before(
    async () => {
      requireBinaries();
      mkdirSync(registers);
      cli('demo', '--residents', RESIDENTS, '--seed', SEED, '--db', db);
      target = pickTarget();
      console.log(`target: ${target.ma_ban_ghi} ${target.ho_ten}, household of ${target.household.members.length}`);
      app = await launchOn(dir, registers);
    },
    { timeout: 120_000 },
  );

  after(() => stopAndClean(app, dir), { timeout: 30_000 });

  /** Clears the search box (Escape empties the query and the list), then types `text`. */
  async function search(text) {
    const input = await waitVisible(driver(), byTestId('search-input'), 60_000);
    await input.sendKeys(Key.ESCAPE);
    await driver().wait(
      async () => (await input.getAttribute('value')) === '' && (await driver().findElements(byTestId('search-hit'))).length === 0,
      5_000,
      'Escape in the search box empties it and the result list',
    );
    await input.sendKeys(text);
    return input;
  }

  /** Waits until the list shows the target, and returns the hits in order. */
  async function waitForTarget(what) {
    let hits = [];
    await driver()
      .wait(
        async () => {
          hits = await driver().findElements(byTestId('search-hit'));
          for (const h of hits) if ((await h.getAttribute('data-ma')) === target.ma_ban_ghi) return true;
          return false;
        },
        15_000,
      )
      .catch(async () => {
        const shown = [];
        for (const h of hits) shown.push(`${await h.getAttribute('data-ma')}: ${(await h.getText()).split('\n')[0]}`);
        assert.fail(`searching ${what} did not list ${target.ma_ban_ghi} (${target.ho_ten}); the list shows [${shown.join('; ')}]`);
      });
    return hits;
  }

  /** A sidebar button or link by its visible label. */
  const navItem = (label) => By.xpath(`//*[self::button or self::a][contains(normalize-space(.), '${label}')]`);

  async function hitFor(ma) {
    return driver().findElement(By.css(`[data-testid="search-hit"][data-ma="${ma}"]`));
  }

  step('shows the demo banner', async () => {
    const banner = await waitVisible(driver(), byTestId('demo-banner'), 60_000);
    assert.match(await banner.getText(), /Dữ liệu mẫu/i, 'the banner says the register is sample data');
  });

  step('finds a citizen typed without diacritics and opens their household', async () => {
    const typed = fold(target.ho_ten);
    assert.notEqual(typed, target.ho_ten.toLowerCase(), `"${target.ho_ten}" has diacritics to drop`);
    assert.match(typed, /^[\x20-\x7E]+$/, `"${typed}" is plain ASCII`);
    await search(typed);
    await waitForTarget(`"${typed}"`);
    const hit = await hitFor(target.ma_ban_ghi);
    const hitText = await hit.getText();
    assert.ok(hitText.includes(target.ho_ten), `the hit shows the name with diacritics "${target.ho_ten}"; it shows "${hitText}"`);
    assert.ok(await (await driver().findElement(byTestId('demo-banner'))).isDisplayed(), 'the demo banner stays on screen');
    await screenshot(driver(), 'search-results.png');

    await hit.click();
    const detail = await waitVisible(driver(), byTestId('person-detail'));
    const detailText = await detail.getText();
    assert.ok(detailText.includes(target.ho_ten), `the detail is about ${target.ho_ten}`);
    assert.ok(detailText.includes(target.ma_ban_ghi), `the detail shows the record number ${target.ma_ban_ghi}`);

    const household = await waitVisible(driver(), byTestId('household'));
    const text = await household.getText();
    assert.ok(text.includes(target.household.so_ho_so_cu_tru), `household number ${target.household.so_ho_so_cu_tru} shown`);
    const rows = await household.findElements(byTestId('household-member'));
    const rowTexts = [];
    for (const r of rows) {
      const cells = await r.findElements(By.css('td, th'));
      rowTexts.push(cells.length ? (await Promise.all(cells.map((c) => c.getText()))).join(' | ') : await r.getText());
    }
    assert.equal(
      rows.length,
      target.household.members.length,
      `one row per member of ${target.household.so_ho_so_cu_tru}; the rows are: ${JSON.stringify(rowTexts)}`,
    );
    for (const m of target.household.members) {
      assert.ok(
        rowTexts.some((r) => r.includes(m.ho_ten)),
        `member ${m.ho_ten} (${m.quan_he_chu_ho}) listed; the rows are: ${JSON.stringify(rowTexts)}`,
      );
    }
    console.log(`screenshot: ${await screenshot(driver(), 'search-detail.png')}`);
  });

  step('goes back with Escape and reopens with ArrowDown and Enter', async () => {
    await driver().actions().sendKeys(Key.ESCAPE).perform();
    await driver().wait(
      async () => (await driver().findElements(byTestId('person-detail'))).length === 0,
      5_000,
      'Escape closes the detail',
    );
    const input = await waitVisible(driver(), byTestId('search-input'));
    const active = await driver().switchTo().activeElement();
    assert.equal(await active.getAttribute('data-testid'), 'search-input', 'the search box has the focus again');
    assert.equal(await input.getAttribute('value'), fold(target.ho_ten), 'the query is kept');

    const hits = await waitForTarget('again after Escape');
    const mas = await Promise.all(hits.map((h) => h.getAttribute('data-ma')));
    const index = mas.indexOf(target.ma_ban_ghi);
    // Start from the top: Up as often as there are hits, then Down to the target.
    for (let i = 0; i < mas.length; i++) await input.sendKeys(Key.ARROW_UP);
    for (let i = 0; i < index; i++) await input.sendKeys(Key.ARROW_DOWN);
    if (mas.length > index + 1) {
      // Go one past and back, so ArrowDown is exercised even when the target is first.
      await input.sendKeys(Key.ARROW_DOWN);
      await input.sendKeys(Key.ARROW_UP);
    }
    assert.equal(await (await hitFor(target.ma_ban_ghi)).getAttribute('aria-selected'), 'true', 'the target row is selected');
    await input.sendKeys(Key.ENTER);
    const detail = await waitVisible(driver(), byTestId('person-detail'));
    assert.ok((await detail.getText()).includes(target.ho_ten), 'Enter opens the selected hit');
    await driver().actions().sendKeys(Key.ESCAPE).perform();
    await driver().wait(
      async () => (await driver().findElements(byTestId('person-detail'))).length === 0,
      5_000,
      'Escape closes the detail again',
    );
  });

  step('finds the citizen first by ID number', async () => {
    await search(target.so_dinh_danh);
    // Wait for the answer to this query: the first hit carries the ID typed.
    let first = '';
    await driver()
      .wait(async () => {
        const hits = await driver().findElements(byTestId('search-hit'));
        if (!hits.length) return false;
        first = `${await hits[0].getAttribute('data-ma')}: ${(await hits[0].getText()).replace(/\n/g, ' | ')}`;
        return first.includes(target.so_dinh_danh) || first.startsWith(`${target.ma_ban_ghi}:`);
      }, 15_000)
      .catch(() => {});
    assert.ok(
      first.startsWith(`${target.ma_ban_ghi}:`),
      `searching ${target.so_dinh_danh} puts ${target.ma_ban_ghi} (${target.ho_ten}) first; the first hit is "${first}"`,
    );
  });

  step('lists every area in the sidebar, each opening its screen', async () => {
    for (const label of NAV) {
      const found = await driver().findElements(navItem(label));
      assert.ok(found.length > 0 && (await found[0].isDisplayed()), `the sidebar has a visible "${label}"`);
    }
    await (await driver().findElement(navItem('Thống kê'))).click();
    const screen = await waitVisible(driver(), byTestId('stats-screen'), 10_000);
    assert.ok((await screen.getText()).includes('Thống kê tiến độ'), 'the statistics screen is shown');
    await waitVisible(driver(), byTestId('kpis'), 20_000);
    const alerts = await driver().findElements(By.css('[role="alert"]'));
    for (const a of alerts) assert.ok(!(await a.isDisplayed()), `no error shown; found "${await a.getText()}"`);

    // And back to search, where the officer left off.
    await (await driver().findElement(navItem('Tra cứu'))).click();
    await waitVisible(driver(), byTestId('search-input'), 10_000);
  });
});

process.on('exit', (code) => {
  rmSync(dir, { recursive: true, force: true }); // also when interrupted
  if (code !== 0) console.error(`# tauri-driver and WebKitWebDriver output: ${driverLog}`);
});
