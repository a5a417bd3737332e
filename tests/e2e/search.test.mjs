// The desk officer's first screen, end to end: the real app window on a demo register
// made by the CLI, searched without diacritics, a citizen opened with their household.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, Key, until } from 'selenium-webdriver';
import { byTestId, cli, fold, launch, screenshot, waitVisible } from './harness.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
const db = path.join(dir, 'ward.sqlite3');

/** A citizen whose name has diacritics and whose household has several members. */
function pickTarget() {
  const hits = cli('search', '--db', db, '--format', 'jsonl', '--limit', '200', 'Nguyễn')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  for (const hit of hits) {
    if (fold(hit.ho_ten) === hit.ho_ten.toLowerCase()) continue;
    const detail = JSON.parse(cli('show', '--db', db, hit.ma_ban_ghi));
    if (detail.household && detail.household.members.length >= 2 && detail.so_dinh_danh) return detail;
  }
  throw new Error('the demo ward has no suitable target');
}

describe('search and detail in the real window', { timeout: 180_000 }, () => {
  let app;
  let target;

  before(async () => {
    cli('demo', '--residents', '3000', '--seed', '11', '--db', db);
    target = pickTarget();
    app = await launch({ MOTCUA_DB: db });
  });

  after(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function search(text) {
    const input = await waitVisible(app.driver, byTestId('search-input'), 60_000);
    await input.clear();
    await input.sendKeys(text);
    return input;
  }

  async function waitForHit(ma) {
    return app.driver.wait(
      until.elementLocated(By.css(`[data-testid="search-hit"][data-ma="${ma}"]`)),
      15_000,
      `no search hit for ${ma}`,
    );
  }

  it('shows the demo banner', async () => {
    const banner = await waitVisible(app.driver, byTestId('demo-banner'), 60_000);
    assert.match(await banner.getText(), /Dữ liệu mẫu/i);
  });

  it('finds a citizen typed without diacritics and opens their household', async () => {
    const typed = fold(target.ho_ten);
    assert.notEqual(typed, target.ho_ten, 'the target name has diacritics');
    await search(typed);
    const hit = await waitForHit(target.ma_ban_ghi);
    assert.ok((await hit.getText()).includes(target.ho_ten), `hit shows "${target.ho_ten}"`);
    await screenshot(app.driver, 'search-results.png');

    await hit.click();
    const detail = await waitVisible(app.driver, byTestId('person-detail'));
    assert.ok((await detail.getText()).includes(target.ho_ten));
    const household = await waitVisible(app.driver, byTestId('household'));
    const text = await household.getText();
    assert.ok(text.includes(target.household.so_ho_so_cu_tru), 'household number shown');
    const rows = await app.driver.findElements(byTestId('household-member'));
    assert.equal(rows.length, target.household.members.length, 'one row per member');
    for (const m of target.household.members) {
      assert.ok(text.includes(m.ho_ten), `member ${m.ho_ten} listed`);
    }
    const file = await screenshot(app.driver, 'search-detail.png');
    console.log(`screenshot: ${file}`);
  });

  it('goes back with Escape and reopens with the keyboard', async () => {
    await app.driver.actions().sendKeys(Key.ESCAPE).perform();
    await app.driver.wait(async () => (await app.driver.findElements(byTestId('person-detail'))).length === 0, 5_000);
    const input = await waitVisible(app.driver, byTestId('search-input'));
    await input.sendKeys(Key.ENTER);
    const detail = await waitVisible(app.driver, byTestId('person-detail'));
    assert.ok((await detail.getText()).includes(target.ho_ten), 'Enter opens the selected (first) hit');
    await app.driver.actions().sendKeys(Key.ESCAPE).perform();
  });

  it('finds the citizen first by ID number', async () => {
    await search(target.so_dinh_danh);
    await waitForHit(target.ma_ban_ghi);
    const first = (await app.driver.findElements(byTestId('search-hit')))[0];
    assert.equal(await first.getAttribute('data-ma'), target.ma_ban_ghi);
  });

  it('says plainly when an area is not built yet', async () => {
    const nav = await app.driver.findElement(By.xpath("//nav//button[contains(., 'Rà soát dữ liệu')]"));
    await nav.click();
    const panel = await waitVisible(app.driver, byTestId('area-placeholder'));
    assert.match(await panel.getText(), /chưa có trong phiên bản hiện tại/);
  });
});
