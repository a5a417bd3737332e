import { describe, expect, it } from 'vitest';
import { en } from './strings.en';
import { vi } from './strings.vi';

type Tree = { [key: string]: unknown };

/** Every leaf of a strings object by its dotted path: text, or a function's arity. */
function leaves(o: unknown, at = ''): Map<string, string | number> {
  const out = new Map<string, string | number>();
  if (typeof o === 'string') out.set(at, 'text');
  else if (typeof o === 'function') out.set(at, o.length);
  else if (Array.isArray(o)) o.forEach((v, i) => leaves(v, `${at}[${i}]`).forEach((x, k) => out.set(k, x)));
  else if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o as Tree)) leaves(v, at ? `${at}.${k}` : k).forEach((x, p) => out.set(p, x));
  }
  return out;
}

function texts(o: unknown, at = ''): Array<[string, string]> {
  if (typeof o === 'string') return [[at, o]];
  if (typeof o === 'function') {
    // Called with sample arguments: texts, numbers, or both in turn, whichever it takes.
    const tries: Array<(i: number) => unknown> = [() => '3', () => 3, (i: number) => (i % 2 ? 3 : '3'), (i: number) => (i % 2 ? '3' : 3)];
    for (const arg of tries) {
      try {
        const r = (o as (...a: unknown[]) => unknown)(...Array.from({ length: o.length }, (_, i) => arg(i)));
        if (typeof r === 'string') return [[`${at}()`, r]];
      } catch {
        // another kind of argument
      }
    }
    throw new Error(`${at} takes none of the sample arguments`);
  }
  if (o && typeof o === 'object') return Object.entries(o as Tree).flatMap(([k, v]) => texts(v, at ? `${at}.${k}` : k));
  return [];
}

const vietnameseMarks = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýãẽĩõũỹ]/i;
// Words kept in Vietnamese on purpose: the language's own name, and the ward of the
// demo (a proper name).
const KEEP = new Set(['languageSwitch', 'settings.languageNames.vi']);

describe('the UI strings in two languages', () => {
  it('have the same keys, and the same arguments for every sentence that takes some', () => {
    const v = leaves(vi);
    const e = leaves(en);
    expect([...e.keys()].sort()).toEqual([...v.keys()].sort());
    for (const [k, kind] of v) expect(e.get(k), k).toBe(kind);
    expect(v.size).toBeGreaterThan(500);
  });

  it('are English in English, but for Vietnamese terms named in brackets', () => {
    const leftovers = texts(en)
      .filter(([k]) => !KEEP.has(k))
      .filter(([, s]) => vietnameseMarks.test(s.replace(/\([^)]*\)/g, '').replace(/Phường Ba Đình|Hà Nội|Một cửa|Việt/g, '')));
    expect(leftovers).toEqual([]);
  });

  it('are empty in one language only where they are in the other (a label left out on purpose)', () => {
    const empty = (o: unknown) => texts(o).filter(([, s]) => !s.trim()).map(([k]) => k);
    expect(empty(en)).toEqual(empty(vi));
    expect(empty(vi).length).toBeLessThan(5);
  });
});
