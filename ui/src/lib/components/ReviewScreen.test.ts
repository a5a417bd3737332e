import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ReviewScreen from './ReviewScreen.svelte';
import { detail, groupProgress, workItem } from '../fixtures';
import type { MergeInfo } from '../bindings/MergeInfo';
import type { WorkItemInfo } from '../bindings/WorkItemInfo';

afterEach(() => {
  cleanup();
  clearMocks();
});

type Args = Record<string, unknown>;

/** A backend with `items` on the worklist; `extra` answers the commands a test is about. */
function backend(items: WorkItemInfo[], extra: (cmd: string, args: Args) => unknown = () => undefined) {
  const calls: Array<[string, Args]> = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Args;
    calls.push([cmd, a]);
    const answer = extra(cmd, a);
    if (answer !== undefined) return answer;
    if (cmd === 'review_progress') return [groupProgress('Tổ dân phố số 3'), groupProgress(null, { records: 4, open: 0, resolved: 0, overdue: 0 })];
    if (cmd === 'worklist') return items;
    if (cmd === 'person_detail') return detail(a.id as string, a.id === 'R2' ? 'Tran Thi Hoa' : 'Trần Thị Hòa');
    if (cmd === 'merges_of') return [];
    return null;
  });
  return calls;
}

const last = (calls: Array<[string, Args]>, cmd: string) => calls.filter(([c]) => c === cmd).at(-1)?.[1];

const duplicate = workItem(7, {
  kind: 'duplicate',
  severity: 'warning',
  records: ['R1', 'R2'],
  field: null,
  score: 0.97,
  message: 'Có thể là cùng một người (2 bản ghi): trùng số định danh',
  suggestion: 'Gộp vào bản ghi R1',
  fixable: false,
  explanation: [
    { field: 'ho_ten', verdict: 'similar', detail: 'trùng họ tên, một bản ghi viết không dấu', weight: 7.5 },
    { field: 'so_dinh_danh', verdict: 'same', detail: 'trùng số định danh', weight: 9 },
  ],
});

describe('review screen', () => {
  it('runs the whole review with a busy button, then shows the progress per group and the worklist', async () => {
    let finish: (v: unknown) => void = () => {};
    const calls = backend([workItem(1, { overdue: true }), duplicate], (cmd) =>
      cmd === 'run_review' ? new Promise((r) => (finish = r)) : undefined,
    );
    render(ReviewScreen);
    const rows = await screen.findAllByTestId('progress-row');
    expect(rows[0].dataset.group).toBe('Tổ dân phố số 3');
    expect(within(rows[0]).getByTestId('progress-open').textContent).toBe('12');
    expect(within(rows[0]).getByTestId('progress-percent').textContent).toBe('90%');
    expect(within(rows[1]).getByText('(chưa có tổ)')).toBeTruthy();
    expect(within(screen.getByTestId('progress-total')).getByTestId('progress-open').textContent).toBe('12');

    const findings = await screen.findAllByTestId('finding');
    expect(findings[0].textContent).toContain('Văn bản chưa chuẩn hóa');
    expect(findings[0].textContent).toContain('16/03/2026');
    expect(within(findings[0]).getByTestId('finding-overdue').textContent).toBe('Quá hạn: chưa giải trình');
    expect(findings[1].textContent).toContain('R1, R2');
    expect(last(calls, 'worklist')).toEqual({
      query: { kind: null, group: null, state: null, open_only: true, overdue_only: false, record: null, limit: 500 },
    });

    const run = screen.getByTestId('review-run') as HTMLButtonElement;
    await fireEvent.click(run);
    expect(run.disabled).toBe(true);
    expect(run.textContent).toContain('Đang rà soát');
    finish({ records: 600, findings: 41, opened: 41, closed: 0 });
    expect((await screen.findByTestId('review-ran')).textContent).toContain('Đã rà soát 600 hồ sơ: 41 phát hiện');
    expect(run.disabled).toBe(false);
  });

  it('filters by kind, group, state and overdue', async () => {
    const calls = backend([workItem(1)]);
    render(ReviewScreen);
    await screen.findAllByTestId('finding');
    await fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'duplicate' } });
    await fireEvent.change(screen.getByTestId('filter-state'), { target: { value: 'da_sua' } });
    await fireEvent.click(screen.getByTestId('filter-overdue'));
    // Choosing a group's name in the progress table filters by it too.
    await fireEvent.click(within(screen.getAllByTestId('progress-row')[0]).getByRole('button'));
    await waitFor(() =>
      expect(last(calls, 'worklist')).toEqual({
        query: { kind: 'duplicate', group: 'Tổ dân phố số 3', state: 'da_sua', open_only: false, overdue_only: true, record: null, limit: 500 },
      }),
    );
    expect((screen.getByTestId('filter-group') as HTMLSelectElement).value).toBe('Tổ dân phố số 3');
  });

  it('opens a finding from the keyboard, takes it, refuses an empty reason, and Esc goes back to the list', async () => {
    const calls = backend([workItem(1), workItem(2, { kind: 'partial_birth_date', field: 'ngay_sinh', suggestion: null, fixable: false })], (cmd, a) => {
      if (cmd !== 'decide_finding') return undefined;
      const d = a.decision as { kind: string; value?: string };
      return workItem(2, { kind: 'partial_birth_date', state: d.kind === 'take' ? 'dang_xu_ly' : 'khong_phai_loi', owner: 'trainer', reason: d.value ?? null });
    });
    render(ReviewScreen);
    await screen.findAllByTestId('finding');
    const list = screen.getByTestId('worklist');
    list.focus();
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).toBe('finding-2');
    await fireEvent.keyDown(list, { key: 'Enter' });
    const panel = await screen.findByTestId('finding-detail');
    expect(panel.textContent).toContain('Ngày sinh chưa đầy đủ');
    expect(document.activeElement?.tagName).toBe('H2');
    expect(screen.queryByTestId('finding-fix')).toBeNull();

    await fireEvent.click(screen.getByTestId('finding-take'));
    await waitFor(() => expect(screen.getByTestId('finding-detail-state').textContent).toBe('đang xử lý'));
    expect(last(calls, 'decide_finding')).toEqual({ id: 2, decision: { kind: 'take' } });

    await fireEvent.click(screen.getByTestId('finding-not-an-error'));
    const reason = screen.getByTestId('reason-input');
    expect(document.activeElement).toBe(reason);
    await fireEvent.keyDown(reason, { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toContain('Hãy ghi lý do');
    expect(calls.filter(([c]) => c === 'decide_finding')).toHaveLength(1);
    await fireEvent.input(reason, { target: { value: ' Đúng theo giấy khai sinh gốc ' } });
    await fireEvent.keyDown(reason, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('finding-detail-state').textContent).toBe('không phải lỗi'));
    expect(last(calls, 'decide_finding')).toEqual({ id: 2, decision: { kind: 'not_an_error', value: 'Đúng theo giấy khai sinh gốc' } });
    expect(screen.getByTestId('finding-reopen')).toBeTruthy();

    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('finding-detail')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('worklist')));
  });

  it('fixes a field by the suggestion from the version shown, and says when the finding still holds', async () => {
    let answer = workItem(1, { state: 'da_sua' });
    const calls = backend([workItem(1)], (cmd) => (cmd === 'fix_finding' ? answer : undefined));
    render(ReviewScreen);
    await fireEvent.click((await screen.findAllByTestId('finding'))[0]);
    const value = (await screen.findByTestId('fix-value')) as HTMLInputElement;
    expect(value.value).toBe('Số 12 phố Quán Thánh, Phường Ba Đình, Thành phố Hà Nội');
    await waitFor(() => expect(screen.getByTestId('finding-detail').textContent).toContain('Giá trị hiện tại'));
    await fireEvent.click(screen.getByTestId('finding-fix'));
    await waitFor(() => expect(screen.getByTestId('finding-detail-state').textContent).toBe('đã sửa'));
    expect(last(calls, 'fix_finding')).toEqual({ id: 1, value: 'Số 12 phố Quán Thánh, Phường Ba Đình, Thành phố Hà Nội', baseVersion: 1 });
    expect(screen.queryByTestId('finding-fix')).toBeNull();

    cleanup();
    answer = workItem(1, { state: 'moi' });
    backend([workItem(1)], (cmd) => (cmd === 'fix_finding' ? answer : undefined));
    render(ReviewScreen);
    await fireEvent.click((await screen.findAllByTestId('finding'))[0]);
    await fireEvent.click(await screen.findByTestId('finding-fix'));
    expect((await screen.findByRole('status')).textContent).toContain('vẫn còn phát hiện này');
  });

  it('shows a duplicate side by side, proposes the merge with a value from the other record, approves and undoes it', async () => {
    let merges: MergeInfo[] = [];
    let state: WorkItemInfo['state'] = 'moi';
    const merge = (s: MergeInfo['state']): MergeInfo => ({
      id: 3,
      finding_id: 7,
      keep: 'R1',
      merged: ['R2'],
      fields: [{ field: 'so_dien_thoai', from: 'R2', value: '0912345678', replaced: null }],
      state: s,
      requested_by: 'trainer',
      requested_at: '2026-03-02T09:00:00Z',
      decided_by: s === 'cho_duyet' ? null : 'trainer',
      decided_at: null,
    });
    const calls = backend([duplicate], (cmd, a) => {
      if (cmd === 'person_detail' && a.id === 'R2') return { ...detail('R2', 'Tran Thi Hoa'), so_dien_thoai: '0912345678' };
      if (cmd === 'merges_of') return merges;
      if (cmd === 'request_merge') return (merges = [merge('cho_duyet')])[0];
      if (cmd === 'approve_merge') {
        state = 'da_sua';
        return (merges = [merge('da_gop')])[0];
      }
      if (cmd === 'undo_merge') {
        state = 'dang_xu_ly';
        return (merges = [merge('da_hoan_tac')])[0];
      }
      if (cmd === 'work_item') return { ...duplicate, state };
      return undefined;
    });
    render(ReviewScreen);
    await fireEvent.click((await screen.findAllByTestId('finding'))[0]);
    const view = await screen.findByTestId('merge-view');
    await waitFor(() => expect(within(view).getAllByTestId('merge-keep')).toHaveLength(2));
    const keeps = within(view).getAllByTestId('merge-keep') as HTMLInputElement[];
    expect(keeps.map((k) => [k.dataset.ma, k.checked])).toEqual([
      ['R1', true],
      ['R2', false],
    ]);
    // The evidence sits in the other record's column, per field.
    const evidence = within(view).getAllByTestId('merge-evidence');
    expect(evidence.map((e) => e.textContent)).toEqual(['Gần giống: trùng họ tên, một bản ghi viết không dấu', 'Giống: trùng số định danh']);
    expect(evidence[0].closest('td')?.dataset.ma).toBe('R2');
    // Only the phone differs in a way to choose; take it from R2.
    const phone = within(view).getAllByTestId('merge-take').filter((r) => r.closest('td')?.dataset.field === 'so_dien_thoai');
    expect(phone).toHaveLength(2);
    await fireEvent.click(phone[1]);
    await fireEvent.click(within(view).getByTestId('merge-request'));
    await within(view).findByTestId('merge-approve');
    expect(last(calls, 'request_merge')).toEqual({ findingId: 7, keep: 'R1', take: [{ field: 'so_dien_thoai', from: 'R2' }] });
    expect(within(view).getByTestId('merge-state').textContent).toContain('Chờ duyệt');
    expect((within(view).getAllByTestId('merge-keep')[0] as HTMLInputElement).disabled).toBe(true);

    await fireEvent.click(within(view).getByTestId('merge-approve'));
    await waitFor(() => expect(screen.getByTestId('finding-detail-state').textContent).toBe('đã sửa'));
    expect(last(calls, 'approve_merge')).toEqual({ mergeId: 3 });
    await fireEvent.click(await within(view).findByTestId('merge-undo'));
    await waitFor(() => expect(screen.getByTestId('finding-detail-state').textContent).toBe('đang xử lý'));
    expect(within(view).getByTestId('merge-state').textContent).toContain('Đã hoàn tác');
    expect(within(view).getByTestId('merge-request')).toBeTruthy();
  });

  it('explains a step the register refuses, and a merge refusal needs its reason', async () => {
    const calls = backend([duplicate], (cmd) => {
      if (cmd === 'merges_of') return [{ id: 3, finding_id: 7, keep: 'R1', merged: ['R2'], fields: [], state: 'cho_duyet', requested_by: 'lan.nt', requested_at: '2026-03-02T09:00:00Z', decided_by: null, decided_at: null }];
      if (cmd === 'reject_merge') throw { code: 'review_refused', message: 'đề nghị gộp này không còn chờ duyệt' };
      return undefined;
    });
    render(ReviewScreen);
    await fireEvent.click((await screen.findAllByTestId('finding'))[0]);
    await fireEvent.click(await screen.findByTestId('merge-reject'));
    const reason = screen.getByTestId('reason-input');
    await fireEvent.click(screen.getByTestId('reason-submit'));
    expect(calls.some(([c]) => c === 'reject_merge')).toBe(false);
    await fireEvent.input(reason, { target: { value: 'Hai người khác nhau: khác cha mẹ' } });
    await fireEvent.click(screen.getByTestId('reason-submit'));
    const error = await screen.findByTestId('merge-error');
    expect(error.textContent).toContain('Sổ dân cư không nhận bước xử lý này');
    expect(error.textContent).toContain('đề nghị gộp này không còn chờ duyệt');
    expect(last(calls, 'reject_merge')).toEqual({ mergeId: 3, reason: 'Hai người khác nhau: khác cha mẹ' });
  });

  it('exports the worklist as filtered to the file the officer picks', async () => {
    const calls = backend([workItem(1)], (cmd) => {
      if (cmd === 'plugin:dialog|save') return '/home/lan/ra-soat.xlsx';
      if (cmd === 'export_worklist') return 41;
      return undefined;
    });
    render(ReviewScreen);
    await screen.findAllByTestId('finding');
    await fireEvent.click(screen.getByTestId('review-export'));
    expect((await screen.findByTestId('review-exported')).textContent).toBe('Đã xuất 41 phát hiện ra tệp /home/lan/ra-soat.xlsx.');
    expect((last(calls, 'export_worklist') as Args).path).toBe('/home/lan/ra-soat.xlsx');
  });
});
