import { describe, expect, it } from 'vitest';
import type { DayFiguresInfo } from './bindings/DayFiguresInfo';
import { applicationsOf, buckets, meets, parseDay, parsePercent, percent, presetRange, rangeDays } from './stats';

function dayOf(iso: string, filed: number, online: number): DayFiguresInfo {
  return {
    day: iso,
    filings: { filed, online, share: filed ? online / filed : null, tu_nop: 0, tai_quay: online, luu_dong: 0, giay: filed - online },
    vneid_registered: 0,
    vneid_activated: 0,
    findings_opened: 0,
    findings_resolved: 0,
  };
}

describe('the figures screen helpers', () => {
  // Thursday 3 December 2026.
  const thursday = new Date(2026, 11, 3, 16, 30);

  it('names the preset ranges from the local day, the week from Monday', () => {
    expect(presetRange('today', thursday)).toEqual({ from: '2026-12-03', to: '2026-12-03' });
    expect(presetRange('week', thursday)).toEqual({ from: '2026-11-30', to: '2026-12-03' });
    expect(presetRange('days30', thursday)).toEqual({ from: '2026-11-04', to: '2026-12-03' });
    expect(presetRange('month', thursday)).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    // A Sunday belongs to the week that began six days before.
    expect(presetRange('week', new Date(2026, 11, 6))).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });

  it('counts the days of a range, both ends in, and none for a backwards or half-typed one', () => {
    expect(rangeDays({ from: '2026-11-30', to: '2026-12-06' })).toBe(7);
    expect(rangeDays({ from: '2026-03-28', to: '2026-03-30' })).toBe(3);
    expect(rangeDays({ from: '2026-12-06', to: '2026-11-30' })).toBe(0);
    expect(rangeDays({ from: '', to: '2026-11-30' })).toBe(0);
  });

  it('draws days as bars, and weeks from Monday once the range passes two months', () => {
    const short = buckets([dayOf('2026-11-02', 3, 2), dayOf('2026-11-03', 0, 0)]);
    expect(short).toEqual([
      { range: { from: '2026-11-02', to: '2026-11-02' }, online: 2, paper: 1 },
      { range: { from: '2026-11-03', to: '2026-11-03' }, online: 0, paper: 0 },
    ]);
    // 70 days from Friday 2 October: a first short week, then Monday to Sunday.
    const days: DayFiguresInfo[] = [];
    for (let i = 0; i < 70; i++) {
      const d = new Date(2026, 9, 2 + i);
      const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      days.push(dayOf(iso, 2, 1));
    }
    const weeks = buckets(days);
    expect(weeks[0]).toEqual({ range: { from: '2026-10-02', to: '2026-10-04' }, online: 3, paper: 3 });
    expect(weeks[1].range).toEqual({ from: '2026-10-05', to: '2026-10-11' });
    expect(weeks.reduce((n, w) => n + w.online + w.paper, 0)).toBe(140);
  });

  it('writes shares the Vietnamese way and compares them with the target', () => {
    expect(percent(2 / 3)).toBe('66,7%');
    expect(percent(null)).toBe('—');
    expect(meets(0.8, 0.8)).toBe(true);
    expect(meets(0.79, 0.8)).toBe(false);
    expect(meets(0.5, null)).toBeNull();
  });

  it('reads a typed day the Vietnamese way, day first, and refuses one the calendar lacks', () => {
    expect(parseDay('04/12/2026')).toBe('2026-12-04');
    expect(parseDay(' 4-2-2026 ')).toBe('2026-02-04');
    expect(parseDay('29/02/2028')).toBe('2028-02-29');
    for (const bad of ['29/02/2026', '31/04/2026', '12/2026', '2026-12-04', '']) expect(parseDay(bad)).toBeNull();
  });

  it('reads a typed target as a percentage, or refuses it', () => {
    expect(parsePercent('85')).toBe(85);
    expect(parsePercent(' 85,5 % ')).toBe(85.5);
    expect(parsePercent('100')).toBe(100);
    for (const bad of ['', '101', '-5', 'tám mươi', '0.8.1']) expect(parsePercent(bad)).toBeNull();
  });

  it('builds the query of a figure with every other filter off', () => {
    const d = applicationsOf({ from: '2026-11-01', to: '2026-11-07' }, 'Tổ 3', { group: 'Tổ dân phố số 3', online_only: true });
    expect(d).toEqual({
      what: 'applications',
      title: 'Tổ 3',
      query: {
        range: { from: '2026-11-01', to: '2026-11-07' },
        procedure: null,
        channel: null,
        state: null,
        group: 'Tổ dân phố số 3',
        ungrouped: false,
        officer: null,
        online_only: true,
        overdue_only: false,
      },
    });
  });
});
