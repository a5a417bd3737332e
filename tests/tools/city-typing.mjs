// A measuring tool, not a test: opens the app (MOTCUA_APP, e.g. the release build) on
// the register folder CITY_DIR, types CITY_QUERY key by key, waiting after each for
// the result line to change, prints how long that took and what it said, and saves a
// screenshot.
// Usage: MOTCUA_APP=target/release/motcua-desk CITY_DIR=/path/to/folder \
//          xvfb-run -a -s "-screen 0 1366x768x24" node tools/city-typing.mjs
import { Key } from 'selenium-webdriver';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { byTestId, launchOn, screenshot, stopAndClean, waitVisible } from '../e2e/harness.mjs';

const home = mkdtempSync(path.join(os.tmpdir(), 'motcua-city-'));
const app = await launchOn(home, process.env.CITY_DIR);
try {
  const d = app.driver;
  const input = await waitVisible(d, byTestId('search-input'), 120_000);
  // The index is built in the background after opening; wait for it like an officer would.
  await new Promise((r) => setTimeout(r, 8000));
  const text = process.env.CITY_QUERY ?? 'nguyen thi lan 1968';
  const shown = async () => {
    const found = await d.findElements(byTestId('search-count'));
    return found.length ? [await found[0].getAttribute('data-query'), await found[0].getText()] : ['', ''];
  };
  // Each key, then the time until the result line answers what is typed now (it
  // includes the UI's 150 ms debounce). Spaces alone change no query.
  let typed = '';
  for (const ch of text) {
    typed += ch;
    const t = Date.now();
    await input.sendKeys(ch);
    let [query, line] = await shown();
    while (query !== typed.trim() && Date.now() - t < 5000) {
      await new Promise((r) => setTimeout(r, 5));
      [query, line] = await shown();
    }
    console.log(`${JSON.stringify(typed)}: shown after ${Date.now() - t} ms: ${line}`);
  }
  await input.sendKeys(Key.END);
  await new Promise((r) => setTimeout(r, 1000));
  console.log(await screenshot(d, process.env.CITY_SHOT ?? 'city-typing.png'));
} finally {
  await stopAndClean(app, home);
}
