import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import RegisterScreen from './RegisterScreen.svelte';
import { info } from '../fixtures';
import type { ImportOutcome } from '../bindings/ImportOutcome';
import type { RegisterInfo } from '../bindings/RegisterInfo';

afterEach(() => {
  cleanup();
  clearMocks();
});

const wardInfo: RegisterInfo = { ...info, is_demo: false, residents: 3, households: 2, residential_groups: 1 };

const outcome: ImportOutcome = {
  rows: 5,
  inserted: 3,
  updated: 0,
  unchanged: 0,
  rejected: 2,
  errors: [
    { line: 3, ma_ban_ghi: 'R2', problem: 'không đọc được ngày "năm ngoái" ở cột ngay_sinh' },
    { line: 5, ma_ban_ghi: null, problem: 'dòng có 2 ô, tiêu đề có 3 cột' },
  ],
  register: wardInfo,
};

describe('register screen', () => {
  it('makes the ward register on a first import: ward picked, file typed, errors listed', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [];
    mockIPC((cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      if (cmd === 'ward_register') return { exists: false, locked: false, info: null };
      if (cmd === 'find_wards') return [{ code: '00004', ward: 'Phường Ba Đình', province: 'Thành phố Hà Nội' }];
      if (cmd === 'import_register') return outcome;
      if (cmd === 'plugin:event|listen') return 1;
      return null;
    });
    const changed: RegisterInfo[] = [];
    render(RegisterScreen, { info, onchange: (i: RegisterInfo) => changed.push(i), onlocked: () => {} });

    expect((await screen.findByTestId('register-current')).textContent).toContain('Phường mẫu');
    const start = (await screen.findByTestId('import-start')) as HTMLButtonElement;
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/data/trich-xuat.csv' } });
    expect(start.disabled).toBe(true);

    const ward = screen.getByTestId('ward-input');
    await fireEvent.input(ward, { target: { value: 'ba dinh' } });
    await screen.findByTestId('ward-choice');
    await fireEvent.keyDown(ward, { key: 'Enter' });
    expect((await screen.findByTestId('ward-chosen')).textContent).toContain('(00004)');

    // The register will be encrypted: no import until its first admin account is valid.
    expect(start.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('admin-login'), { target: { value: 'Quan Tri' } });
    expect(screen.getByTestId('admin-problem').textContent).toContain('chữ thường không dấu');
    await fireEvent.input(screen.getByTestId('admin-login'), { target: { value: 'quantri' } });
    await fireEvent.input(screen.getByTestId('admin-password'), { target: { value: 'mật khẩu 2026' } });
    await fireEvent.input(screen.getByTestId('admin-confirm'), { target: { value: 'mật khẩu 2025' } });
    expect(screen.getByTestId('admin-problem').textContent).toContain('chưa khớp');
    expect(start.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('admin-confirm'), { target: { value: 'mật khẩu 2026' } });
    expect(screen.queryByTestId('admin-problem')).toBeNull();

    await waitFor(() => expect(start.disabled).toBe(false));
    await fireEvent.click(start);
    const report = await screen.findByTestId('import-report');
    expect(report.textContent).toContain('5 dòng: 3 mới, 0 cập nhật, 0 không đổi, 2 bị từ chối.');
    const rows = screen.getAllByTestId('import-error');
    expect(rows.map((r) => r.dataset.line)).toEqual(['3', '5']);
    expect(rows[0].textContent).toContain('năm ngoái');
    expect(rows[1].textContent).toContain('—');

    const imported = calls.find(([c]) => c === 'import_register')![1];
    expect(imported).toEqual({
      file: '/data/trich-xuat.csv',
      wardCode: '00004',
      admin: { login: 'quantri', password: 'mật khẩu 2026' },
    });
    expect(changed).toEqual([wardInfo]);
  });

  it('imports into the existing ward register without asking for the ward again', async () => {
    let asked: Record<string, unknown> = {};
    mockIPC((cmd, args) => {
      if (cmd === 'ward_register') return { exists: true, locked: false, info: wardInfo };
      if (cmd === 'import_register') {
        asked = args as Record<string, unknown>;
        throw { code: 'file_missing_columns', message: 'the file lacks required columns: ho_ten' };
      }
      if (cmd === 'plugin:event|listen') return 1;
      return null;
    });
    render(RegisterScreen, { info, onchange: () => {}, onlocked: () => {} });
    await screen.findByTestId('switch-ward');
    expect(screen.queryByTestId('ward-input')).toBeNull();
    await fireEvent.input(await screen.findByTestId('import-path'), { target: { value: 'x.xlsx' } });
    await fireEvent.click(screen.getByTestId('import-start'));
    const failed = await screen.findByTestId('import-failed');
    expect(failed.textContent).toContain('Tệp thiếu cột bắt buộc');
    expect(failed.textContent).toContain('ho_ten');
    expect(asked).toEqual({ file: 'x.xlsx', wardCode: null, admin: null });
    // Nothing was lost: the path is still there to fix and retry.
    expect((screen.getByTestId('import-path') as HTMLInputElement).value).toBe('x.xlsx');
  });

  it('shows the progress events of a running import', async () => {
    let finish: (v: unknown) => void = () => {};
    mockIPC(
      (cmd) => {
        if (cmd === 'ward_register') return { exists: true, locked: false, info: wardInfo };
        if (cmd === 'import_register') return new Promise((r) => (finish = r));
        return null;
      },
      { shouldMockEvents: true },
    );
    render(RegisterScreen, { info: wardInfo, onchange: () => {}, onlocked: () => {} });
    await screen.findByTestId('switch-demo');
    await fireEvent.input(await screen.findByTestId('import-path'), { target: { value: 'x.csv' } });
    await fireEvent.click(screen.getByTestId('import-start'));
    const { emit } = await import('@tauri-apps/api/event');
    await waitFor(() => screen.getByTestId('import-progress'));
    await new Promise((r) => setTimeout(r, 0));
    await emit('import-progress', { rows: 12000, bytes: 250, total_bytes: 1000 });
    await screen.findByText(/Đã đọc 12\.000 dòng · 25%/);
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(25);
    finish({ ...outcome, errors: [], rejected: 0 });
    await screen.findByTestId('import-report');
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });

  it('never offers to make a ward register before it knows whether one exists', async () => {
    let answer: (v: unknown) => void = () => {};
    mockIPC((cmd) => (cmd === 'ward_register' ? new Promise((r) => (answer = r)) : null));
    render(RegisterScreen, { info, onchange: () => {}, onlocked: () => {} });
    await screen.findByTestId('register-current');
    expect(screen.queryByTestId('ward-input')).toBeNull();
    expect(screen.queryByTestId('import-path')).toBeNull();
    answer({ exists: true, locked: false, info: wardInfo });
    await screen.findByTestId('import-path');
    expect(screen.queryByTestId('ward-input')).toBeNull();
  });

  it('sends the officer to sign in for a locked ward register, and takes no import into it', async () => {
    mockIPC((cmd) => (cmd === 'ward_register' ? { exists: true, locked: true, info: null } : null));
    let locked = 0;
    render(RegisterScreen, { info, onchange: () => {}, onlocked: () => locked++ });
    const toWard = await screen.findByTestId('switch-ward');
    expect(toWard.textContent).toContain('Đăng nhập sổ của phường');
    expect((await screen.findByTestId('import-locked')).textContent).toContain('đang khóa');
    expect((screen.getByTestId('import-start') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(toWard);
    expect(locked).toBe(1);
  });
});
