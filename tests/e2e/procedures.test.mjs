// Thủ tục in the real window, on a demo ward made by the CLI (its trainer may do
// everything): from a citizen's detail, the VNeID wizard walked by keyboard — the
// questions answered, papers marked and one photographed, the prefilled form checked,
// every step walked, filing refused while a question is open, then filed — and the
// citizen's account reads "Đã đăng ký, chờ duyệt" as the register holds it; the guide
// printed to a PDF that names the citizen; the approval recorded with its countdown; the
// application in the Thủ tục list; a refused catalog file with its reasons.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { byTestId, cli, launchOn, requireBinaries, screenshot, stepper, stopAndClean, waitVisible } from './harness.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-procedures-'));
const registers = path.join(dir, 'registers');
const db = path.join(registers, 'demo-ward.sqlite3');
const PORTAL_NUMBER = 'G22.99-261203-0042';

const jsonl = (out) =>
  out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** An adult with a well-formed ID number and a phone, alive: VNeID's register checks pass. */
function pickTarget() {
  const hits = jsonl(cli('search', '--db', db, '--format', 'jsonl', '--limit', '200', 'Nguyễn'));
  for (const hit of hits) {
    const year = Number(/(\d{4})$/.exec(hit.ngay_sinh ?? '')?.[1]);
    if (!(year >= 1950 && year <= 2000) || !/^0\d{11}$/.test(hit.so_dinh_danh ?? '')) continue;
    const detail = JSON.parse(cli('show', '--db', db, hit.ma_ban_ghi));
    if (detail.so_dien_thoai && !detail.ngay_chet && detail.ngay_sinh?.length === 10) return detail;
  }
  throw new Error(`none of ${hits.length} "Nguyễn" hits is an adult with an ID number and a phone`);
}

/** The text of the PDF `file`, by poppler's pdftotext. */
function pdfText(file) {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.error?.code === 'ENOENT') throw new Error('pdftotext is missing: install poppler-utils (scripts/setup.sh test)');
  if (r.error || r.status !== 0) throw new Error(`pdftotext ${file}: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

describe('guided procedures in the real window', { timeout: 400_000 }, () => {
  let app;
  let target;
  const driver = () => app.driver;
  const step = stepper(() => app);
  const active = () => driver().switchTo().activeElement();
  const wizard = () => driver().findElement(byTestId('procedure-wizard'));
  /** The wizard's tab shown now, by its `data-tab`. */
  const shownTab = async () =>
    (await wizard().findElement(By.css('[role="tab"][aria-selected="true"]'))).getAttribute('data-tab');

  /** Alt+→ / Alt+← from wherever the focus is, until `tab` shows. */
  async function toTab(tab) {
    const order = ['checks', 'papers', 'form', 'steps', 'file'];
    for (let i = 0; i < order.length && (await shownTab()) !== tab; i++) {
      const forward = order.indexOf(tab) > order.indexOf(await shownTab());
      await (await active()).sendKeys(Key.chord(Key.ALT, forward ? Key.ARROW_RIGHT : Key.ARROW_LEFT));
      await driver().sleep(150);
    }
    assert.equal(await shownTab(), tab);
    return waitVisible(driver(), byTestId(`panel-${tab}`));
  }

  /** Answers yes to the question `key` from the keyboard: C on its row. */
  async function answerYes(key) {
    const row = await driver().findElement(By.css(`[data-testid="check"][data-key="${key}"]`));
    await (await row.findElement(byTestId('answer-yes'))).sendKeys('c');
    await driver().wait(async () => (await row.getAttribute('data-outcome')) === 'passed', 10_000, `${key} passes once answered yes`);
  }

  before(
    async () => {
      requireBinaries();
      mkdirSync(registers);
      cli('demo', '--residents', '1000', '--seed', '4', '--db', db);
      target = pickTarget();
      console.log(`target: ${target.ma_ban_ghi} ${target.ho_ten}, ${target.ngay_sinh}`);
      app = await launchOn(dir, registers);
    },
    { timeout: 120_000 },
  );

  after(() => stopAndClean(app, dir), { timeout: 30_000 });

  step('opens the citizen and their VNeID account, not registered yet', async () => {
    const input = await waitVisible(driver(), byTestId('search-input'), 60_000);
    await input.sendKeys(target.so_dinh_danh);
    await driver().wait(
      async () => {
        const hits = await driver().findElements(byTestId('search-hit'));
        return hits.length > 0 && (await hits[0].getAttribute('data-ma')) === target.ma_ban_ghi;
      },
      15_000,
      'the ID number finds the citizen first',
    );
    await input.sendKeys(Key.ENTER);
    await waitVisible(driver(), byTestId('person-detail'));
    const state = await waitVisible(driver(), byTestId('vneid-state'));
    await driver().wait(async () => (await state.getText()) === 'Chưa đăng ký', 10_000, 'the account is not registered yet');
  });

  step('starts the VNeID wizard from the detail by keyboard, at the desk', async () => {
    const guide = await driver().findElement(byTestId('guide-start'));
    assert.equal(await guide.getText(), 'Hướng dẫn thủ tục');
    await guide.sendKeys(Key.ENTER);
    const chooser = await waitVisible(driver(), byTestId('procedure-chooser'));
    const options = await chooser.findElements(byTestId('procedure-option'));
    assert.ok(options.length >= 10, `the catalog's procedures are offered (${options.length})`);
    assert.equal(await options[0].getAttribute('data-code'), 'vneid_muc_2', 'VNeID comes first');
    const focused = await active();
    assert.equal(await focused.getAttribute('data-code'), 'vneid_muc_2', 'the focus is on VNeID, chosen');
    assert.ok(await focused.isSelected());
    const channel = await chooser.findElement(byTestId('channel'));
    assert.equal(await channel.getAttribute('value'), 'tai_quay', 'filed at the desk by default');
    await focused.sendKeys(Key.ENTER);
    await waitVisible(driver(), byTestId('wizard-checks'));
    assert.equal(await (await driver().findElement(byTestId('wizard-citizen'))).getText(), target.ho_ten);
    assert.equal(await (await driver().findElement(byTestId('wizard-state'))).getText(), 'Nháp');
  });

  step('shows each condition: the register passes its own, the questions wait', async () => {
    const checks = await driver().findElements(byTestId('check'));
    const outcomes = Object.fromEntries(
      await Promise.all(checks.map(async (c) => [await c.getAttribute('data-key'), await c.getAttribute('data-outcome')])),
    );
    assert.deepEqual(
      outcomes,
      { du_14_tuoi: 'passed', co_so_dinh_danh: 'passed', con_song: 'passed', the_con_han: 'open', so_chinh_chu: 'open', co_smartphone: 'open' },
    );
    await answerYes('the_con_han');
    await answerYes('so_chinh_chu');
    // "Không" shows the check failed with what to do; answered again, it passes.
    const phone = await driver().findElement(By.css('[data-testid="check"][data-key="co_smartphone"]'));
    await (await phone.findElement(byTestId('answer-no'))).sendKeys('k');
    await driver().wait(async () => (await phone.getAttribute('data-outcome')) === 'failed', 10_000);
    assert.match(await (await phone.findElement(byTestId('check-message'))).getText(), /điện thoại thông minh/);
    console.log(`screenshot: ${await screenshot(driver(), 'procedures-wizard-checks.png')}`);
  });

  step('marks the papers present and attaches a photo that is too dark', async () => {
    const panel = await toTab('papers');
    for (const paper of await panel.findElements(byTestId('paper'))) {
      await (await paper.findElement(byTestId('paper-present'))).sendKeys(Key.SPACE);
      await driver().wait(async () => (await paper.getAttribute('data-state')) === 'present', 10_000, 'the paper is marked present');
    }
    const photo = path.join(dir, 'the-can-cuoc-toi.png');
    const made = spawnSync('convert', ['-size', '1200x800', 'xc:#141414', photo]);
    assert.equal(made.status, 0, `ImageMagick made a dark photo: ${made.stderr}`);
    const file = await panel.findElement(By.css('[data-testid="paper"][data-key="the_can_cuoc"] [data-testid="paper-photo"]'));
    await file.sendKeys(photo);
    const warning = await waitVisible(driver(), byTestId('photo-warning'), 30_000);
    assert.equal(await warning.getAttribute('data-code'), 'too_dark');
    assert.match(await warning.getText(), /quá tối/);
    console.log(`screenshot: ${await screenshot(driver(), 'procedures-wizard-papers.png')}`);
  });

  step('checks the form prefilled from the register', async () => {
    const panel = await toTab('form');
    const value = async (key) =>
      (await panel.findElement(By.css(`[data-testid="form-field"][data-key="${key}"] input`))).getAttribute('value');
    assert.equal(await value('ho_ten'), target.ho_ten);
    assert.equal(await value('so_dinh_danh'), target.so_dinh_danh);
    assert.equal(await value('ngay_sinh'), target.ngay_sinh);
    assert.equal(await value('so_dien_thoai'), target.so_dien_thoai);
    await waitVisible(driver(), byTestId('form-ok'));
    assert.equal((await panel.findElements(byTestId('form-error'))).length, 0, 'no field has an error');
  });

  step('walks every step with its picture, then marks the walk done', async () => {
    const panel = await toTab('steps');
    const items = await panel.findElements(byTestId('step-item'));
    assert.ok(items.length >= 5, `the VNeID procedure has its steps (${items.length})`);
    const next = await panel.findElement(byTestId('step-next'));
    for (let i = 0; i < items.length; i++) {
      const card = await panel.findElement(byTestId('step-card'));
      assert.equal(await card.getAttribute('data-index'), String(i), `step ${i + 1} is the one shown`);
      if (i === 2) {
        const picture = await waitVisible(driver(), byTestId('step-picture'));
        await driver().wait(() => driver().executeScript('return arguments[0].complete && arguments[0].naturalWidth > 0', picture), 10_000, 'the picture is loaded');
        console.log(`screenshot: ${await screenshot(driver(), 'procedures-wizard-steps.png')}`);
      }
      // Enter on "Tiếp", which keeps the focus from step to step.
      await (i === 0 ? next : await active()).sendKeys(Key.ENTER);
      await driver().wait(
        async () => (await panel.findElements(By.css('[data-testid="step-item"][data-done="true"]'))).length === i + 1,
        10_000,
        `step ${i + 1} is recorded as walked`,
      );
    }
    const done = await active();
    assert.equal(await done.getAttribute('data-testid'), 'mark-guided', 'after the last step the focus is on "Đã hướng dẫn xong"');
    await done.sendKeys(Key.ENTER);
    await waitVisible(driver(), byTestId('panel-file'));
    await driver().wait(async () => (await (await driver().findElement(byTestId('wizard-state'))).getText()) === 'Đã hướng dẫn', 10_000);
  });

  step('refuses to file while a condition fails, with the reason, keeping the number typed', async () => {
    const number = await waitVisible(driver(), byTestId('portal-number'));
    await number.sendKeys(PORTAL_NUMBER, Key.ENTER);
    const error = await waitVisible(driver(), byTestId('wizard-error'));
    assert.equal(await error.getAttribute('data-code'), 'application_refused');
    const reason = await (await error.findElement(byTestId('wizard-error-reason'))).getText();
    assert.match(reason, /chưa nộp được/);
    assert.match(reason, /điện thoại thông minh/, `the failed check is named: ${reason}`);
    assert.equal(await number.getAttribute('value'), PORTAL_NUMBER, 'the number typed is kept');
    console.log(`screenshot: ${await screenshot(driver(), 'procedures-refused.png')}`);
    const stored = jsonl(cli('procedure', 'applications', '--db', db, '--record', target.ma_ban_ghi));
    assert.equal(stored.length, 1);
    assert.equal(stored[0].state, 'da_huong_dan', 'nothing was filed');
  });

  step('files once every condition holds: "Đã nộp trực tuyến" with the due day', async () => {
    await toTab('checks');
    await answerYes('co_smartphone');
    await waitVisible(driver(), byTestId('checks-ok'));
    await toTab('file');
    const number = await driver().findElement(byTestId('portal-number'));
    assert.equal(await number.getAttribute('value'), PORTAL_NUMBER, 'the number is still there');
    await number.sendKeys(Key.ENTER);
    const state = await waitVisible(driver(), byTestId('application-state'), 10_000);
    assert.equal(await state.getText(), 'Đã nộp trực tuyến');
    assert.equal((await driver().findElements(byTestId('wizard-error'))).length, 0, 'the refusal is gone');
    const [stored] = jsonl(cli('procedure', 'applications', '--db', db, '--record', target.ma_ban_ghi));
    assert.equal(stored.state, 'da_nop');
    assert.equal(stored.portal_number, PORTAL_NUMBER);
    const due = await driver().findElement(byTestId('application-due'));
    assert.equal(await due.getAttribute('data-due'), stored.due_on, 'the window shows the due day the register computed');
    const [y, m, d] = stored.due_on.split('-');
    assert.equal(await due.getText(), `${d}/${m}/${y}`);
    // The same due day as the CLI's calendar gives for the time received, in 3 working days.
    const received = stored.received_at.replace('T', ' ').slice(0, 16);
    const cliDue = cli('procedure', 'due', '--db', db, '--received', received, '--days', '3');
    assert.ok(cliDue.includes(`due ${stored.due_on}`), `motcua procedure due says ${cliDue}`);
    console.log(`screenshot: ${await screenshot(driver(), 'procedures-filed.png')}`);
  });

  step('prints the guide: a PDF in the data folder that names the citizen', async () => {
    await (await driver().findElement(byTestId('print-guide'))).sendKeys(Key.ENTER);
    const shown = await waitVisible(driver(), byTestId('print-path'), 60_000);
    const file = await shown.getText();
    assert.equal(file, path.join(registers, 'phieu-in', `${jsonl(cli('procedure', 'applications', '--db', db))[0].id}-huong-dan.pdf`));
    assert.ok(existsSync(file), `${file} exists`);
    const text = pdfText(file);
    assert.ok(text.includes(target.ho_ten), `the guide names ${target.ho_ten}:\n${text.slice(0, 600)}`);
    await (await driver().findElement(byTestId('print-receipt'))).sendKeys(Key.ENTER);
    await driver().wait(async () => (await shown.getText()).endsWith('-bien-nhan.pdf'), 60_000, 'the receipt is printed');
    assert.ok(pdfText(await shown.getText()).includes(PORTAL_NUMBER), 'the receipt carries the file number');
  });

  step('back on the citizen: "Đã đăng ký, chờ duyệt"; the approval starts the 7-day countdown', async () => {
    await (await active()).sendKeys(Key.ESCAPE);
    await waitVisible(driver(), byTestId('person-detail'));
    const state = await waitVisible(driver(), byTestId('vneid-state'));
    await driver().wait(async () => (await state.getText()) === 'Đã đăng ký, chờ duyệt', 10_000, 'filing registered the account');
    const listed = await waitVisible(driver(), byTestId('citizen-application'));
    assert.equal(await (await listed.findElement(byTestId('citizen-application-state'))).getText(), 'Đã nộp trực tuyến');
    assert.match(await (await listed.findElement(byTestId('citizen-application-due'))).getText(), /^\d{2}\/\d{2}\/\d{4}$/);
    await (await driver().findElement(byTestId('vneid-to-cho_kich_hoat'))).sendKeys(Key.ENTER);
    const day = await waitVisible(driver(), byTestId('vneid-on'));
    assert.equal(await day.getAttribute('value'), await driver().executeScript('const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`'), 'today is offered');
    await (await driver().findElement(byTestId('vneid-confirm'))).sendKeys(Key.ENTER);
    await driver().wait(async () => (await state.getText()) === 'Đã duyệt, chờ kích hoạt', 10_000, 'the approval is recorded');
    assert.match(await (await driver().findElement(byTestId('vneid-countdown'))).getText(), /^Còn 7 ngày để kích hoạt/);
    await driver().executeScript('arguments[0].scrollIntoView({ block: "start" })', await driver().findElement(byTestId('person-detail')));
    console.log(`screenshot: ${await screenshot(driver(), 'vneid-panel.png')}`);
  });

  step('lists the application in Thủ tục & VNeID, filed, with its number', async () => {
    await (await driver().findElement(By.xpath("//nav//button[contains(normalize-space(.), 'Thủ tục & VNeID')]"))).click();
    const row = await waitVisible(driver(), byTestId('application-row'));
    assert.equal(await row.getAttribute('data-state'), 'da_nop');
    const text = await row.getText();
    assert.ok(text.includes(target.ho_ten) && text.includes(PORTAL_NUMBER) && text.includes('Đã nộp trực tuyến'), text);
    console.log(`screenshot: ${await screenshot(driver(), 'procedures-list.png')}`);
  });

  step('refuses a catalog file with every reason, in Cài đặt', async () => {
    const bad = path.join(dir, 'danh-muc-sai.toml');
    writeFileSync(bad, 'version = "moi"\neffective_from = "2027-01-01"\n[[procedure]]\ncode = "Sai Ma"\nname = ""\nkind = "filing"\nagency = "UBND"\ntime_limit_days = 90\nfee = {}\nlegal_basis = []\nstep = []\n');
    await (await driver().findElement(By.xpath("//nav//button[contains(normalize-space(.), 'Cài đặt')]"))).click();
    const version = await waitVisible(driver(), byTestId('catalog-version'));
    assert.match(await version.getText(), /^Phiên bản \d{4}\.\d+\.\d+: \d+ thủ tục/);
    const input = await driver().findElement(byTestId('catalog-path'));
    await input.sendKeys(bad, Key.ENTER);
    const error = await waitVisible(driver(), byTestId('catalog-error'));
    assert.equal(await error.getAttribute('data-code'), 'catalog_invalid');
    const reasons = await Promise.all((await error.findElements(byTestId('catalog-error-reason'))).map((r) => r.getText()));
    assert.ok(reasons.length >= 5, `every reason is listed: ${reasons.join(' | ')}`);
    assert.ok(reasons.some((r) => r.includes('moi')) && reasons.some((r) => r.includes('90')), reasons.join(' | '));
    await driver().executeScript('arguments[0].scrollIntoView({ block: "center" })', error);
    console.log(`screenshot: ${await screenshot(driver(), 'catalog-refused.png')}`);
  });
});
