// A measuring tool, not a test: opens the app (MOTCUA_APP, e.g. the release build) on a
// register folder holding only a demo ward (CITY_DIR), imports the extract CITY_FILE into
// a new ward register for Phường Ba Đình through the window, and prints the progress
// line a few seconds in, the time from the click to the report, and the report, with a
// screenshot of each.
// Usage: MOTCUA_APP=target/release/motcua-desk CITY_DIR=/path/folder CITY_FILE=/path/x.csv \
//          xvfb-run -a -s "-screen 0 1366x768x24" node tools/city-import.mjs
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By } from 'selenium-webdriver';
import { byTestId, launchOn, screenshot, stopAndClean, waitVisible } from '../e2e/harness.mjs';

const home = mkdtempSync(path.join(os.tmpdir(), 'motcua-city-'));
const app = await launchOn(home, process.env.CITY_DIR);
try {
  const d = app.driver;
  await waitVisible(d, byTestId('demo-banner'), 60_000);
  await (await d.findElement(By.xpath("//nav//button[contains(normalize-space(.), 'Sổ dân cư')]"))).click();
  const ward = await waitVisible(d, byTestId('ward-input'));
  await ward.sendKeys('ba dinh ha noi');
  await (await waitVisible(d, By.css('[data-testid="ward-choice"][data-code="00004"]'))).click();
  await (await waitVisible(d, byTestId('import-path'))).sendKeys(process.env.CITY_FILE);
  const t = Date.now();
  await (await d.findElement(byTestId('import-start'))).click();
  await new Promise((r) => setTimeout(r, 6000));
  console.log(`after 6 s: ${await (await d.findElement(byTestId('import-progress'))).getText()}`);
  console.log(await screenshot(d, 'city-import-progress.png'));
  const report = await waitVisible(d, byTestId('import-report'), 600_000);
  console.log(`report after ${Date.now() - t} ms: ${await report.getText()}`);
  console.log(await screenshot(d, 'city-import-done.png'));
} finally {
  await stopAndClean(app, home);
}
