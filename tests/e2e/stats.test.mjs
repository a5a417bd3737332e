// Thống kê in the real window, on a demo ward the CLI made with 90 days of filings and a
// review run: the figures of the last 30 days are the ones `motcua figures` computes from
// the same register; a figure opens the list behind it (as long as the figure), a bar of
// the chart opens its day by keyboard; the ward's target set in the window is the one the
// register holds; the Excel and PDF reports are written and name the ward.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { byTestId, cli, launchOn, requireBinaries, screenshot, stepper, stopAndClean, waitVisible } from './harness.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-stats-'));
const registers = path.join(dir, 'registers');
const db = path.join(registers, 'demo-ward.sqlite3');

/** A local day as yyyy-mm-dd, `back` days before today. */
function dayBefore(back) {
  const d = new Date();
  d.setDate(d.getDate() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const number = (text) => Number(text.replace(/\./g, ''));

describe('the progress dashboard in the real window', { timeout: 300_000 }, () => {
  let app;
  let figures;
  const range = { from: dayBefore(29), to: dayBefore(0) };
  const driver = () => app.driver;
  const step = stepper(() => app);
  const press = async (...keys) => driver().actions().sendKeys(...keys).perform();

  before(
    async () => {
      requireBinaries();
      mkdirSync(registers);
      cli('demo', '--residents', '2000', '--seed', '3', '--applications', '3000', '--db', db);
      cli('review', '--db', db);
      figures = JSON.parse(cli('figures', '--db', db, '--from', range.from, '--to', range.to));
      assert.ok(figures.total.filed > 500, `the demo ward has filings in the last 30 days (${figures.total.filed})`);
      app = await launchOn(dir, registers);
    },
    { timeout: 120_000 },
  );

  after(() => stopAndClean(app, dir), { timeout: 30_000 });

  step('Alt+5 opens Thống kê; the last 30 days show the figures the CLI computes', async () => {
    await waitVisible(driver(), byTestId('search-input'), 60_000);
    await (await driver().switchTo().activeElement()).sendKeys(Key.chord(Key.ALT, '5'));
    await waitVisible(driver(), byTestId('kpis'), 20_000);
    const preset = await driver().findElement(byTestId('preset-days30'));
    await driver().executeScript('arguments[0].focus()', preset);
    await press(Key.ENTER);
    const shown = await driver().findElement(byTestId('stats-range'));
    await driver().wait(async () => (await shown.getAttribute('data-from')) === range.from, 20_000, 'the 30-day range is shown');
    const kpi = async (id) => Number(await (await driver().findElement(byTestId(id))).getAttribute('data-value'));
    assert.equal(await kpi('kpi-filed'), figures.total.filed);
    assert.equal(await kpi('kpi-online'), figures.total.online);
    assert.equal(await kpi('kpi-apps-overdue'), figures.overdue_count);
    assert.equal(await kpi('kpi-findings-overdue'), figures.overdue_findings);
    const share = ((figures.total.online / figures.total.filed) * 100).toFixed(1).replace('.', ',');
    assert.equal(await (await driver().findElement(byTestId('kpi-share'))).getText(), `${share}%`);

    const bars = await driver().findElements(byTestId('chart-bar'));
    assert.equal(bars.length, 30, 'a bar a day');
    let sum = 0;
    for (const b of bars) sum += Number(await b.getAttribute('data-filed'));
    assert.equal(sum, figures.total.filed, 'the bars add up to the files received');
    const groups = await driver().findElements(byTestId('group-row'));
    assert.equal(groups.length, figures.groups.length);
    const procTotal = number(await (await driver().findElement(byTestId('procedure-total'))).getText());
    assert.equal(procTotal, figures.total.filed);
    await screenshot(driver(), 'stats-dashboard.png');
  });

  step("a group's figure opens the files it counts; Esc closes the list", async () => {
    const g = figures.groups.find((x) => x.group && x.filings.filed > 0);
    const row = await driver().findElement(By.css(`[data-testid="group-row"][data-group="${g.group}"]`));
    const figure = await row.findElement(byTestId('group-filed'));
    await driver().executeScript('arguments[0].scrollIntoView({block: "center"})', figure);
    await figure.click();
    const drill = await waitVisible(driver(), byTestId('drill'), 10_000);
    assert.ok((await (await drill.findElement(byTestId('drill-title'))).getText()).includes(g.group));
    const countEl = await drill.findElement(byTestId('drill-count'));
    await driver().wait(async () => (await countEl.getAttribute('data-total')) !== null, 10_000);
    assert.equal(Number(await countEl.getAttribute('data-total')), g.filings.filed, 'the list is as long as the figure');
    const rows = await drill.findElements(byTestId('drill-row'));
    assert.equal(rows.length, Math.min(500, g.filings.filed));
    await screenshot(driver(), 'stats-drill.png');
    await press(Key.ESCAPE);
    await driver().wait(async () => (await driver().findElements(byTestId('drill'))).length === 0, 10_000, 'Esc closes the list');
    const focused = await driver().switchTo().activeElement();
    assert.equal(await focused.getAttribute('data-testid'), 'group-filed', 'the focus is back on the figure');
  });

  step('a bar of the chart opens its day by keyboard', async () => {
    const day = figures.days.findLast((d) => d.filings.filed > 0);
    const bar = await driver().findElement(By.css(`[data-testid="chart-bar"][data-from="${day.day}"]`));
    await driver().executeScript('arguments[0].scrollIntoView({block: "center"}); arguments[0].focus()', bar);
    await press(Key.ENTER);
    const drill = await waitVisible(driver(), byTestId('drill'), 10_000);
    const [y, m, d] = day.day.split('-');
    assert.ok((await (await drill.findElement(byTestId('drill-title'))).getText()).includes(`${d}/${m}/${y}`));
    const countEl = await drill.findElement(byTestId('drill-count'));
    await driver().wait(async () => Number(await countEl.getAttribute('data-total')) === day.filings.filed, 10_000, 'the day lists its files');
    await press(Key.ESCAPE);
  });

  step('the ward target set in the window is the one the register holds', async () => {
    const edit = await driver().findElement(byTestId('ward-target-edit'));
    await driver().executeScript('arguments[0].scrollIntoView({block: "center"})', edit);
    await edit.click();
    const input = await waitVisible(driver(), byTestId('target-input'), 10_000);
    await input.sendKeys('60', Key.ENTER);
    const target = await driver().findElement(byTestId('kpi-target'));
    await driver().wait(async () => (await target.getText()).includes('Chỉ tiêu 60,0%'), 10_000, 'the target is shown');
    assert.match(cli('target', '--db', db), /\(toàn phường\)\t60\.0%/);
    const reached = figures.total.online / figures.total.filed >= 0.6;
    assert.ok((await target.getText()).includes(reached ? 'Đạt chỉ tiêu' : 'Chưa đạt chỉ tiêu'));
    await screenshot(driver(), 'stats-target.png');
  });

  step('the Excel and PDF reports are written and name the ward', async () => {
    for (const kind of ['xlsx', 'pdf']) {
      const button = await driver().findElement(byTestId(`export-${kind}`));
      await driver().executeScript('arguments[0].scrollIntoView({block: "center"})', button);
      await button.click();
      const shown = await waitVisible(driver(), byTestId('exported'), 30_000);
      await driver().wait(async () => (await shown.getText()).endsWith(`.${kind}`), 30_000, `the ${kind} report is written`);
      const file = (await (await shown.findElement(By.css('code'))).getText()).trim();
      assert.equal(file, path.join(registers, 'bao-cao', `bao-cao-${range.from}-den-${range.to}.${kind}`));
      assert.ok(existsSync(file), `${file} exists`);
      if (kind === 'xlsx') {
        assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'a workbook is a zip');
      } else {
        const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.normalize('NFC');
        assert.ok(text.includes(figures.ward.split(',')[0]), `the PDF names the ward: ${text.slice(0, 200)}`);
      }
    }
  });
});
