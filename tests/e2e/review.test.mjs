// Rà soát in the real window, on a demo ward made by the CLI (which plants duplicates):
// review the whole ward, note the progress per tổ dân phố, open a duplicate side by
// side, propose the merge and approve it (the demo ward's trainer may), and see the
// group's figures move and the finding read "đã sửa" — in the window and in the register.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { byTestId, cli, launchOn, requireBinaries, screenshot, stepper, stopAndClean, waitVisible } from './harness.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-review-'));
const registers = path.join(dir, 'registers');
const db = path.join(registers, 'demo-ward.sqlite3');

const jsonl = (out) =>
  out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** The progress table as the window shows it: group → figures. */
async function progressShown(driver) {
  const out = new Map();
  for (const row of await driver.findElements(byTestId('progress-row'))) {
    const cell = async (id) => Number((await (await row.findElement(byTestId(id))).getText()).replace(/\./g, ''));
    out.set(await row.getAttribute('data-group'), {
      open: await cell('progress-open'),
      resolved: await cell('progress-resolved'),
      overdue: await cell('progress-overdue'),
      percent: await (await row.findElement(byTestId('progress-percent'))).getText(),
    });
  }
  return out;
}

describe('the review worklist in the real window', { timeout: 200_000 }, () => {
  let app;
  let expected;
  let before_;
  let finding;
  const driver = () => app.driver;
  const step = stepper(() => app);

  before(
    async () => {
      requireBinaries();
      mkdirSync(registers);
      cli('demo', '--residents', '1000', '--seed', '4', '--db', db);
      // What the CLI finds on a copy: the window must find the same.
      const copy = path.join(dir, 'copy.sqlite3');
      copyFileSync(db, copy);
      expected = jsonl(cli('review', '--db', copy)).length;
      app = await launchOn(dir, registers);
    },
    { timeout: 120_000 },
  );

  after(() => stopAndClean(app, dir), { timeout: 30_000 });

  step('reviews the whole demo ward from Rà soát', async () => {
    await waitVisible(driver(), byTestId('demo-banner'), 60_000);
    await (await driver().findElement(By.xpath("//nav//button[contains(normalize-space(.), 'Rà soát dữ liệu')]"))).click();
    await waitVisible(driver(), byTestId('review-screen'));
    const run = await waitVisible(driver(), byTestId('review-run'));
    await run.click();
    const ran = await waitVisible(driver(), byTestId('review-ran'), 60_000);
    const text = await ran.getText();
    assert.match(text, /Đã rà soát 1\.000 hồ sơ/, text);
    assert.match(text, new RegExp(`${expected.toLocaleString('vi-VN').replace('.', '\\.')} phát hiện`), `the CLI found ${expected}; the window says "${text}"`);
    await driver().wait(async () => (await driver().findElements(byTestId('progress-row'))).length >= 2, 10_000, 'the progress per group shows');
    before_ = await progressShown(driver());
    assert.ok([...before_.values()].some((p) => p.open > 0), 'the review opened findings');
    console.log(`screenshot: ${await screenshot(driver(), 'review-ran.png')}`);
  });

  step('opens a duplicate with its records side by side', async () => {
    const kind = await driver().findElement(byTestId('filter-kind'));
    await kind.findElement(By.css('option[value="duplicate"]')).click();
    await driver().wait(
      async () => {
        try {
          const rows = await driver().findElements(byTestId('finding'));
          const kinds = await Promise.all(rows.map((r) => r.getAttribute('data-kind')));
          return kinds.length > 0 && kinds.every((k) => k === 'duplicate');
        } catch {
          return false; // a row replaced while read: look again
        }
      },
      10_000,
      'the list shows only duplicates',
    );
    const rows = await driver().findElements(byTestId('finding'));
    let index = -1;
    for (const [i, r] of rows.entries()) {
      const records = (await r.getAttribute('data-records')).split(',');
      if (records.length === 2 && (await r.getAttribute('data-group'))) {
        finding = { id: await r.getAttribute('data-id'), group: await r.getAttribute('data-group'), records };
        index = i;
        break;
      }
    }
    assert.ok(finding, 'the demo ward has a duplicate pair in a tổ dân phố');
    // From the keyboard: the list takes the focus, ↓ selects, Enter opens.
    const list = await driver().findElement(byTestId('worklist'));
    await driver().executeScript('arguments[0].focus()', list);
    for (let i = 0; i < index; i++) await list.sendKeys(Key.ARROW_DOWN);
    assert.equal(await list.getAttribute('aria-activedescendant'), `finding-${finding.id}`);
    await list.sendKeys(Key.ENTER);
    const detail = await waitVisible(driver(), byTestId('finding-detail'));
    assert.equal(await detail.getAttribute('data-id'), finding.id);
    const view = await waitVisible(driver(), byTestId('merge-view'));
    await driver().wait(async () => (await view.findElements(byTestId('merge-keep'))).length === 2, 20_000, 'both records load');
    const suggestion = await (await driver().findElement(byTestId('finding-suggestion'))).getText();
    const keep = suggestion.split(' ').pop();
    assert.ok(finding.records.includes(keep), `the suggestion "${suggestion}" names a record of the pair`);
    const checked = await view.findElement(By.css('[data-testid="merge-keep"]:checked'));
    assert.equal(await checked.getAttribute('data-ma'), keep, 'the suggested record is kept by default');
    assert.ok((await view.findElements(byTestId('merge-evidence'))).length > 0, 'the evidence per field shows');
    console.log(`screenshot: ${await screenshot(driver(), 'review-merge.png')}`);
  });

  step('proposes the merge and approves it: the finding reads "đã sửa"', async () => {
    await (await driver().findElement(byTestId('merge-request'))).click();
    const approve = await waitVisible(driver(), byTestId('merge-approve'), 10_000);
    assert.equal(await (await driver().findElement(byTestId('merge-state'))).getAttribute('data-state'), 'cho_duyet');
    await approve.click();
    const state = await driver().findElement(byTestId('finding-detail-state'));
    await driver().wait(async () => (await state.getText()) === 'đã sửa', 10_000, 'the finding is fixed by the merge');
    await waitVisible(driver(), byTestId('merge-undo'));
    console.log(`screenshot: ${await screenshot(driver(), 'review-merged.png')}`);
    const stored = jsonl(cli('worklist', '--db', db, 'list', '--kind', 'duplicate', '--record', finding.records[0]));
    assert.equal(stored.find((i) => String(i.id) === finding.id)?.state, 'da_sua', 'the register holds the decision');
  });

  step('the figures move: what the merge settled goes from open to resolved', async () => {
    await (await driver().findElement(byTestId('finding-back'))).click();
    const progress = await waitVisible(driver(), byTestId('review-progress'));
    await driver().executeScript('arguments[0].scrollIntoView({ block: "start" })', progress);
    let now;
    await driver()
      .wait(async () => {
        now = await progressShown(driver());
        return now.get(finding.group)?.resolved >= before_.get(finding.group).resolved + 1;
      }, 10_000)
      .catch(() => {});
    const was = before_.get(finding.group);
    const is = now.get(finding.group);
    assert.ok(is.resolved >= was.resolved + 1, `${finding.group}: before ${JSON.stringify(was)}, after ${JSON.stringify(is)}`);
    // The duplicate and whatever was found about the merged record alone are settled
    // by the merge: each leaves "open" for "resolved", in whichever group it belongs to.
    const sum = (m, k) => [...m.values()].reduce((n, p) => n + p[k], 0);
    const closed = sum(now, 'resolved') - sum(before_, 'resolved');
    assert.ok(closed >= 1, `resolved grew by ${closed}`);
    assert.equal(sum(before_, 'open') - sum(now, 'open'), closed, 'every finding settled left the open ones');
    const cliRow = jsonl(cli('worklist', '--db', db, 'progress')).find((p) => p.group === finding.group);
    assert.deepEqual({ open: cliRow.open, resolved: cliRow.resolved }, { open: is.open, resolved: is.resolved }, 'the window shows what the register holds');
    console.log(`screenshot: ${await screenshot(driver(), 'review-progress.png')}`);
  });
});
