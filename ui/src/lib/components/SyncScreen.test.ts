import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SyncScreen from './SyncScreen.svelte';
import SearchScreen from './SearchScreen.svelte';
import { detail, hit, procedureDefaults } from '../fixtures';
import type { SyncInfo } from '../bindings/SyncInfo';

afterEach(() => {
  cleanup();
  clearMocks();
});

const offline: SyncInfo = {
  phase: 'offline',
  server: 'http://10.0.0.2:8443',
  pending: 3,
  conflicts: 1,
  last_sync: null,
  last_error: 'connection refused',
};

describe('sync screen', () => {
  it('shows the state, both values of a conflict, and settles it', async () => {
    const calls: Array<[string, unknown]> = [];
    let settled = false;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'sync_conflicts')
        return settled
          ? []
          : [{ op_id: 'ab12', ma_ban_ghi: 'R10', ho_ten: 'Trần Thị Hòa', field: 'noi_o_hien_tai', mine: 'Số 2 phố Bình', theirs: 'Số 1 phố Lan' }];
      if (cmd === 'resolve_conflict') {
        settled = true;
        return null;
      }
      if (cmd === 'sync_now') return offline;
      if (cmd === 'sync_rejected')
        return [{ op_id: 'cd34', ma_ban_ghi: 'R99', field: 'email', value: 'x@y.vn', reason: 'không có hồ sơ R99' }];
      return null;
    });
    render(SyncScreen, { info: offline });
    expect((await screen.findByTestId('rejected')).textContent).toContain('không có hồ sơ R99');
    expect(screen.getByTestId('sync-phase').textContent).toContain('Mất kết nối');
    expect(screen.getByTestId('sync-pending').textContent).toBe('3');
    expect(screen.getByTestId('sync-error').textContent).toContain('connection refused');
    const conflict = await screen.findByTestId('conflict');
    expect(conflict.textContent).toContain('Nơi ở hiện tại');
    expect(within(conflict).getByTestId('conflict-mine').textContent).toBe('Số 2 phố Bình');
    expect(within(conflict).getByTestId('conflict-theirs').textContent).toBe('Số 1 phố Lan');
    // A third value, typed: it goes out as the officer's decision.
    await fireEvent.click(within(conflict).getByTestId('type-value'));
    const typed = screen.getByTestId('conflict-value') as HTMLInputElement;
    expect(typed.value).toBe('Số 2 phố Bình');
    await fireEvent.input(typed, { target: { value: ' Số 7 phố Mới ' } });
    await fireEvent.click(screen.getByTestId('save-value'));
    await screen.findByTestId('no-conflicts');
    expect(calls.find(([c]) => c === 'resolve_conflict')![1]).toEqual({ opId: 'ab12', choice: { kind: 'value', value: 'Số 7 phố Mới' } });
    await fireEvent.click(screen.getByTestId('sync-now'));
    expect(calls.some(([c]) => c === 'sync_now')).toBe(true);
  });

  it('edits a field of the open record from the version shown; Escape cancels and keeps the record', async () => {
    const edits: unknown[] = [];
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      if (cmd === 'search_persons') return { hits: [hit('R1', 'Trần Thị Hòa')], total: 1, capped: false, elapsed_ms: 1 };
      if (cmd === 'person_detail') return detail('R1', 'Trần Thị Hòa');
      if (cmd === 'edit_field') {
        edits.push(a);
        return { ...detail('R1', 'Trần Thị Hòa'), so_dien_thoai: a.value, version: 2 };
      }
      return procedureDefaults(cmd, a);
    });
    render(SearchScreen, { active: true });
    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'tran' } });
    await fireEvent.click((await screen.findAllByTestId('search-hit', {}, { timeout: 2000 }))[0]);
    await screen.findByTestId('person-detail');
    const change = () => screen.getAllByTestId('field-edit').find((b) => b.dataset.field === 'so_dien_thoai')!;
    await fireEvent.click(change());
    const box = screen.getByTestId('field-input') as HTMLInputElement;
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByTestId('field-input')).toBeNull();
    expect(screen.getByTestId('person-detail')).toBeTruthy();
    await fireEvent.click(change());
    await fireEvent.input(screen.getByTestId('field-input'), { target: { value: ' 0987 654 321 ' } });
    await fireEvent.keyDown(screen.getByTestId('field-input'), { key: 'Enter' });
    await waitFor(() => expect(screen.queryByTestId('field-input')).toBeNull());
    expect(edits).toEqual([{ id: 'R1', field: 'so_dien_thoai', value: '0987 654 321', baseVersion: 1 }]);
    expect(screen.getByTestId('person-detail').textContent).toContain('0987 654 321');
  });
});
