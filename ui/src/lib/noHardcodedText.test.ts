// No UI text outside the translation files (strings.vi.ts / strings.en.ts and the error
// messages): every component's markup shows text only through expressions, and no
// script writes a sentence of its own.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'bindings' ? [] : files(p, ext);
    return p.endsWith(ext) ? [p] : [];
  });
}

/** The markup of a component with its script, style, comments and `{…}` blanked out. */
function markup(svelte: string): string {
  let s = svelte.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, '');
  let depth = 0;
  s = [...s].map((c) => {
    if (c === '{') depth++;
    const kept = depth === 0 ? c : ' ';
    if (c === '}') depth = Math.max(0, depth - 1);
    return kept;
  }).join('');
  return s;
}

const LETTERS = /\p{L}{2,}/u;
const TEXT_ATTRS = /\b(aria-label|aria-description|title|placeholder|alt|label)="([^"]*)"/g;

/** Text a person would read, written straight into a component. */
export function hardcoded(svelte: string): string[] {
  const m = markup(svelte);
  const found: string[] = [];
  for (const [, name, value] of m.matchAll(TEXT_ATTRS)) if (LETTERS.test(value)) found.push(`${name}="${value}"`);
  for (const text of m.replace(/<[^>]*>/g, '\n').split('\n')) {
    if (LETTERS.test(text)) found.push(text.trim());
  }
  return found;
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const TRANSLATIONS = /(^|\/)(strings|messages)(\.areas)?\.(vi|en)\.ts$|\.test\.ts$|fixtures\.ts$/;

/** String literals with Vietnamese in a script outside the translation files. */
export function sentencesIn(ts: string): string[] {
  const code = ts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]).filter((s) => VIETNAMESE.test(s));
}

describe('UI text lives in the translation files', () => {
  it('finds text written into markup, and none in expressions', () => {
    expect(hardcoded('<p>Xin chào</p>')).toEqual(['Xin chào']);
    expect(hardcoded('<button title="Đóng">{t.close}</button>')).toEqual(['title="Đóng"']);
    expect(hardcoded('<p>{t.hello} · {n(3)}</p><input placeholder={t.hint} />')).toEqual([]);
    expect(sentencesIn("const a = 'Hồ sơ'; // ghi chú có dấu")).toEqual(['Hồ sơ']);
  });

  it('no component writes text of its own', () => {
    const offenders = files(src, '.svelte').flatMap((f) => hardcoded(readFileSync(f, 'utf8')).map((x) => `${path.relative(src, f)}: ${x}`));
    expect(offenders).toEqual([]);
  });

  it('no script outside the translation files writes a Vietnamese sentence', () => {
    const scripts = [...files(src, '.ts'), ...files(src, '.svelte')].filter((f) => !TRANSLATIONS.test(f));
    const offenders = scripts.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      const code = f.endsWith('.svelte') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
      return sentencesIn(code).map((x) => `${path.relative(src, f)}: ${x}`);
    });
    expect(offenders).toEqual([]);
  });
});
