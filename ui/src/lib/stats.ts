// Pure helpers of the Thống kê screen: date ranges, chart buckets, percentages, and what
// each figure drills down to.
import { num } from './language';
import type { DayFiguresInfo } from './bindings/DayFiguresInfo';
import type { DayRange } from './bindings/DayRange';
import type { FigureQuery } from './bindings/FigureQuery';
import type { WorklistQuery } from './bindings/WorklistQuery';

/** A local calendar day as `yyyy-mm-dd`. */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return isoDay(new Date(y, m - 1, d + n));
}

export type Preset = 'today' | 'week' | 'days30' | 'month';
export const PRESETS: Preset[] = ['today', 'week', 'days30', 'month'];

/** The range a preset names, counted from `today`: this week starts on Monday. */
export function presetRange(p: Preset, today: Date): DayRange {
  const to = isoDay(today);
  switch (p) {
    case 'today':
      return { from: to, to };
    case 'week':
      return { from: addDays(to, -((today.getDay() + 6) % 7)), to };
    case 'days30':
      return { from: addDays(to, -29), to };
    case 'month':
      return { from: `${to.slice(0, 8)}01`, to };
  }
}

/** A typed day, `dd/mm/yyyy` (or `d/m/yyyy`, with - or . between), as `yyyy-mm-dd`; null
 *  when it is not a day of the calendar. */
export function parseDay(typed: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(typed);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return isoDay(date);
}

/** Whole days from `from` to `to`, both counted; 0 when the range runs backwards. */
export function rangeDays(r: DayRange): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.from) || !/^\d{4}-\d{2}-\d{2}$/.test(r.to)) return 0;
  const n = Math.round((t(r.to) - t(r.from)) / 86_400_000) + 1;
  return n > 0 ? n : 0;
}

/** The longest range the core counts over. */
export const MAX_DAYS = 367;

/** One bar of the daily chart: a day, or a week when the range is long. */
export interface Bucket {
  range: DayRange;
  online: number;
  paper: number;
}

/** Days as bars; past two months, weeks (Monday to Sunday, cut at the range's ends). */
export function buckets(days: DayFiguresInfo[]): Bucket[] {
  const one = (d: DayFiguresInfo): Bucket => ({
    range: { from: d.day, to: d.day },
    online: d.filings.online,
    paper: d.filings.filed - d.filings.online,
  });
  if (days.length <= 62) return days.map(one);
  const out: Bucket[] = [];
  for (const d of days) {
    const [y, m, dd] = d.day.split('-').map(Number);
    const monday = new Date(y, m - 1, dd).getDay() === 1;
    const last = out[out.length - 1];
    if (!last || monday) {
      out.push(one(d));
    } else {
      last.range = { from: last.range.from, to: d.day };
      last.online += d.filings.online;
      last.paper += d.filings.filed - d.filings.online;
    }
  }
  return out;
}

/** A share in [0, 1] as "72,5%" (Vietnamese decimal comma); "—" when there is none. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${num(share * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

export const count = (n: number) => num(n);

/** Whether an online share reaches its target (no target: nothing to reach). */
export function meets(share: number | null, target: number | null): boolean | null {
  if (target === null || share === null) return null;
  return share + 1e-9 >= target;
}

/** A typed target ("85", "85,5", "85%") as a percentage in 0–100, or null. */
export function parsePercent(typed: string): number | null {
  const s = typed.trim().replace('%', '').replace(',', '.').trim();
  if (!/^\d{1,3}(\.\d+)?$/.test(s)) return null;
  const v = Number(s);
  return v >= 0 && v <= 100 ? v : null;
}

/** A list behind a figure: the applications it counts, or the findings. */
export type Drill =
  | { what: 'applications'; title: string; query: FigureQuery }
  | { what: 'findings'; title: string; query: WorklistQuery };

export function applicationsOf(range: DayRange, title: string, part: Partial<Omit<FigureQuery, 'range'>>): Drill {
  return {
    what: 'applications',
    title,
    query: {
      range,
      procedure: null,
      channel: null,
      state: null,
      group: null,
      ungrouped: false,
      officer: null,
      online_only: false,
      overdue_only: false,
      ...part,
    },
  };
}

export function findingsOf(title: string, part: Partial<WorklistQuery>): Drill {
  return {
    what: 'findings',
    title,
    query: { kind: null, group: null, state: null, open_only: false, overdue_only: false, record: null, limit: 500, ...part },
  };
}

/** Whether the figures on screen can open their lists: a device's own can; the ward
 *  server's are counts only. Shared by the figures through a context. */
export const DRILL = Symbol('figures drill');
export interface DrillState {
  readonly on: boolean;
}
