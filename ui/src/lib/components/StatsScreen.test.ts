import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import StatsScreen from './StatsScreen.svelte';
import type { DashboardInfo } from '../bindings/DashboardInfo';
import type { FilingsInfo } from '../bindings/FilingsInfo';

afterEach(() => {
  cleanup();
  clearMocks();
});

const filings = (filed: number, online: number): FilingsInfo => ({
  filed,
  online,
  share: filed ? online / filed : null,
  tu_nop: 0,
  tai_quay: online,
  luu_dong: 0,
  giay: filed - online,
});

function figures(target: number | null): DashboardInfo {
  return {
    ward: 'Phường Ba Đình, Thành phố Hà Nội',
    from: '2026-11-30',
    to: '2026-12-03',
    total: filings(4, 3),
    target,
    days: ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'].map((day, i) => ({
      day,
      filings: filings(i === 1 ? 3 : i === 2 ? 1 : 0, i === 1 ? 2 : i === 2 ? 1 : 0),
      vneid_registered: 0,
      vneid_activated: 0,
      findings_opened: 0,
      findings_resolved: 0,
    })),
    groups: [
      { group: 'Tổ dân phố số 1', filings: filings(3, 2), target: 0.8, vneid_registered: 1, vneid_activated: 0, findings_opened: 2, findings_resolved: 0, findings_open: 2, findings_overdue: 1 },
      { group: null, filings: filings(1, 1), target, vneid_registered: 0, vneid_activated: 0, findings_opened: 0, findings_resolved: 0, findings_open: 0, findings_overdue: 0 },
    ],
    procedures: [
      {
        procedure: 'tam_tru',
        name: 'Đăng ký tạm trú',
        filings: filings(4, 3),
        by_state: [
          { state: 'nhap', count: 0 },
          { state: 'da_huong_dan', count: 0 },
          { state: 'da_nop', count: 2 },
          { state: 'dang_xu_ly', count: 0 },
          { state: 'co_ket_qua', count: 1 },
          { state: 'bi_tu_choi', count: 1 },
        ],
      },
    ],
    vneid: { registered: 1, activated: 0, waiting_approval: 1, waiting_activation: 0, window_missed: 0, failed: 0 },
    kinds: [{ kind: 'missing_field', opened: 2, resolved: 0, open: 2, overdue: 1 }],
    officers: [{ officer: 'cb.lan', filed: 4, online: 3, findings_resolved: 0 }],
    overdue_applications: [{ id: 'A1', procedure: 'Đăng ký tạm trú', applicant: 'Trần Thị Hòa', group: 'Tổ dân phố số 1', due_on: '2026-12-01', reason: null }],
    overdue_count: 1,
    overdue_findings: 1,
  };
}

function backend() {
  const calls: Array<[string, Record<string, unknown>]> = [];
  let target: number | null = null;
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    if (cmd === 'dashboard') return figures(target);
    if (cmd === 'ward_dashboard') {
      if (a.range && (a.range as { from: string }).from === '2026-01-01') throw { code: 'ward_figures_unavailable', message: 'Transient("connection refused")' };
      return { ...figures(0.8), total: filings(40, 36) };
    }
    if (cmd === 'figure_applications') {
      return {
        total: 1,
        rows: [
          {
            id: 'A1', procedure: 'Đăng ký tạm trú', applicant: 'Trần Thị Hòa', ma_ban_ghi: 'R1', group: 'Tổ dân phố số 1', channel: 'tai_quay',
            state: 'da_nop', received_on: '2026-12-01', due_on: '2026-12-01', overdue: true, delay_reason: null, officer: 'cb.lan',
          },
        ],
      };
    }
    if (cmd === 'worklist') return [];
    if (cmd === 'set_target') {
      if ((a.percent as number) > 100) throw { code: 'invalid_range', message: 'chỉ tiêu là tỷ lệ từ 0% đến 100%' };
      target = (a.percent as number) / 100;
      return null;
    }
    if (cmd === 'write_report') return `/data/bao-cao/bao-cao-2026-11-30-den-2026-12-03.${a.kind}`;
    return null;
  });
  return calls;
}

const thursday = () => new Date(2026, 11, 3, 10);

describe('the Thống kê screen', () => {
  it('shows this week by default, with the online share against the target', async () => {
    const calls = backend();
    render(StatsScreen, { canSetTargets: false, now: thursday });
    await screen.findByTestId('kpis');
    expect(calls.find((c) => c[0] === 'dashboard')?.[1]).toEqual({ range: { from: '2026-11-30', to: '2026-12-03' } });
    expect(screen.getByTestId('kpi-filed').dataset.value).toBe('4');
    expect(screen.getByTestId('kpi-share').textContent).toBe('75,0%');
    expect(screen.getByTestId('kpi-target').textContent).toContain('chưa đặt chỉ tiêu');
    expect(screen.getAllByTestId('chart-bar').map((b) => b.dataset.filed)).toEqual(['0', '3', '1', '0']);
    const rows = screen.getAllByTestId('group-row');
    expect(rows.map((r) => r.dataset.reached)).toEqual(['false', '']);
    expect(within(rows[1]).getByText('Không thuộc tổ dân phố')).toBeTruthy();
    expect(screen.queryByTestId('target-edit')).toBeNull();
    expect(screen.getByTestId('overdue-row').textContent).toContain('chưa giải trình');
  });

  it('opens the list behind a figure, and Esc gives the focus back to the figure', async () => {
    const calls = backend();
    render(StatsScreen, { canSetTargets: false, now: thursday });
    const online = (await within(await screen.findByTestId('group-figures')).findAllByTestId('group-online'))[0];
    online.focus();
    await fireEvent.click(online);
    const drill = await screen.findByTestId('drill');
    expect(screen.getByTestId('drill-title').textContent).toBe('Hồ sơ: nộp trực tuyến của Tổ dân phố số 1');
    const query = calls.find((c) => c[0] === 'figure_applications')?.[1].query as Record<string, unknown>;
    expect(query).toMatchObject({ group: 'Tổ dân phố số 1', online_only: true, ungrouped: false });
    await waitFor(() => expect(within(drill).getAllByTestId('drill-row')).toHaveLength(1));
    expect(within(drill).getByTestId('drill-row').textContent).toContain('Lý do chậm: chưa giải trình');
    await fireEvent.keyDown(drill, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('drill')).toBeNull());
    expect(document.activeElement).toBe(online);

    // The overdue findings of a kind come from the worklist.
    await fireEvent.click(within(screen.getByTestId('kind-figures')).getByTestId('kind-overdue'));
    await screen.findByTestId('drill');
    const wq = calls.find((c) => c[0] === 'worklist')?.[1].query as Record<string, unknown>;
    expect(wq).toMatchObject({ kind: 'missing_field', overdue_only: true });
  });

  it('lets a supervisor set the ward target, refusing what is not a percentage', async () => {
    const calls = backend();
    render(StatsScreen, { canSetTargets: true, now: thursday });
    await fireEvent.click(await screen.findByTestId('ward-target-edit'));
    const input = screen.getByTestId('target-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'tám mươi' } });
    await fireEvent.click(screen.getByTestId('target-save'));
    expect(screen.getByRole('alert').textContent).toContain('từ 0 đến 100');
    expect(calls.some((c) => c[0] === 'set_target')).toBe(false);
    await fireEvent.input(input, { target: { value: '70' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('kpi-target').textContent).toContain('Chỉ tiêu 70,0%'));
    expect(screen.getByTestId('kpi-target').textContent).toContain('Đạt chỉ tiêu');
    expect(calls.find((c) => c[0] === 'set_target')?.[1]).toEqual({ group: null, percent: 70 });
    await waitFor(() => expect(screen.queryByTestId('target-form')).toBeNull());
  });

  it('writes the report of the range shown and says where', async () => {
    const calls = backend();
    render(StatsScreen, { canSetTargets: false, now: thursday });
    await screen.findByTestId('kpis');
    await fireEvent.click(screen.getByTestId('export-pdf'));
    expect((await screen.findByTestId('exported')).textContent).toContain('bao-cao-2026-11-30-den-2026-12-03.pdf');
    expect(calls.find((c) => c[0] === 'write_report')?.[1]).toEqual({ range: { from: '2026-11-30', to: '2026-12-03' }, kind: 'pdf' });
  });

  it('refuses a backwards range before asking, and shows the figures of a typed one', async () => {
    const calls = backend();
    render(StatsScreen, { canSetTargets: false, now: thursday });
    await screen.findByTestId('kpis');
    expect((screen.getByTestId('range-from') as HTMLInputElement).value).toBe('30/11/2026');
    await fireEvent.input(screen.getByTestId('range-from'), { target: { value: '05/12/2026' } });
    expect((await screen.findByTestId('range-wrong')).textContent).toContain('ngày đầu trước ngày cuối');
    expect((screen.getByTestId('range-show') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('range-from'), { target: { value: '31/11/2026' } });
    expect(screen.getByTestId('range-wrong')).toBeTruthy();
    await fireEvent.input(screen.getByTestId('range-from'), { target: { value: '1/11/2026' } });
    await fireEvent.click(screen.getByTestId('range-show'));
    await waitFor(() => expect(calls.filter((c) => c[0] === 'dashboard')).toHaveLength(2));
    expect(calls.filter((c) => c[0] === 'dashboard')[1][1]).toEqual({ range: { from: '2026-11-01', to: '2026-12-03' } });
    expect(screen.getByTestId('preset-week').getAttribute('aria-pressed')).toBe('false');
  });

  it("shows the whole ward's figures from the server, as counts without lists, once enrolled", async () => {
    const calls = backend();
    render(StatsScreen, { canSetTargets: true, enrolled: true, now: thursday });
    await screen.findByTestId('kpis');
    const source = screen.getByTestId('stats-source') as HTMLSelectElement;
    await fireEvent.change(source, { target: { value: 'ward' } });
    await waitFor(() => expect(screen.getByTestId('kpi-filed').dataset.value).toBe('40'));
    expect(calls.find((c) => c[0] === 'ward_dashboard')?.[1]).toEqual({ range: { from: '2026-11-30', to: '2026-12-03' } });
    expect(screen.getByTestId('kpi-filed').tagName).toBe('SPAN');
    expect(screen.getByTestId('ward-note').textContent).toContain('máy chủ');
    expect(screen.queryByTestId('ward-target-edit')).toBeNull();
    expect(screen.getAllByTestId('chart-bar')[1].getAttribute('aria-disabled')).toBe('true');
    await fireEvent.change(source, { target: { value: 'device' } });
    await waitFor(() => expect(screen.getByTestId('kpi-filed').tagName).toBe('BUTTON'));
  });

  it('offers no ward figures on a computer not enrolled with the ward server', async () => {
    backend();
    render(StatsScreen, { canSetTargets: false, now: thursday });
    await screen.findByTestId('kpis');
    expect(screen.queryByTestId('stats-source')).toBeNull();
  });
});
