import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import VneidPanel from './VneidPanel.svelte';
import { vneid } from '../fixtures';
import { todayIso } from '../procedures';
import type { VneidInfo } from '../bindings/VneidInfo';

afterEach(() => {
  cleanup();
  clearMocks();
});

const FAILURES = [
  { code: 'otp_not_received', label: 'Không nhận được mã OTP', guidance: 'Kiểm tra sóng, hộp tin nhắn đầy; chờ 5 phút rồi bấm gửi lại mã.' },
  { code: 'window_missed', label: 'Quá 7 ngày chưa kích hoạt', guidance: 'Đến Công an cấp xã đề nghị cấp lại tài khoản.' },
];

function backend(first: VneidInfo, answer: (change: Record<string, unknown>) => VneidInfo) {
  const moves: Record<string, unknown>[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    if (cmd === 'vneid_status') return first;
    if (cmd === 'vneid_failures') return FAILURES;
    if (cmd === 'set_vneid') {
      moves.push(a);
      return answer(a.change as Record<string, unknown>);
    }
    return null;
  });
  return moves;
}

describe('the VNeID panel', () => {
  it('counts down the days left to activate, and records the activation today by default', async () => {
    const waiting = vneid('R1', { state: 'cho_kich_hoat', approved_on: '2026-12-01', activate_by: '2026-12-08', days_left: 5, next: ['da_kich_hoat', 'loi'] });
    const moves = backend(waiting, () => vneid('R1', { state: 'da_kich_hoat', activated_on: todayIso(), next: [] }));
    render(VneidPanel, { ma_ban_ghi: 'R1' });
    expect((await screen.findByTestId('vneid-state')).textContent).toBe('Đã duyệt, chờ kích hoạt');
    expect(screen.getByTestId('vneid-countdown').textContent).toBe('Còn 5 ngày để kích hoạt (hạn cuối 08/12/2026)');
    await fireEvent.click(screen.getByTestId('vneid-to-da_kich_hoat'));
    expect((screen.getByTestId('vneid-on') as HTMLInputElement).value).toBe(todayIso());
    await fireEvent.click(screen.getByTestId('vneid-confirm'));
    await waitFor(() => expect(screen.getByTestId('vneid-state').textContent).toBe('Đã kích hoạt'));
    expect(moves).toEqual([{ maBanGhi: 'R1', change: { to: 'da_kich_hoat', on: todayIso(), failure: null, note: null } }]);
    expect(screen.queryByTestId('vneid-countdown')).toBeNull();
  });

  it('records a failure chosen from the list, showing its guidance before and after', async () => {
    const moves = backend(vneid('R1', { state: 'cho_duyet', next: ['cho_kich_hoat', 'loi'] }), (c) =>
      vneid('R1', { state: 'loi', failure: FAILURES.find((f) => f.code === c.failure)!, next: ['cho_duyet', 'cho_kich_hoat'] }),
    );
    render(VneidPanel, { ma_ban_ghi: 'R1' });
    await fireEvent.click(await screen.findByTestId('vneid-to-loi'));
    const choice = screen.getByTestId('vneid-failure-choice') as HTMLSelectElement;
    await waitFor(() => expect(choice.options.length).toBe(3));
    await fireEvent.change(choice, { target: { value: 'window_missed' } });
    expect(screen.getByTestId('vneid-guidance').textContent).toContain('Đến Công an cấp xã đề nghị cấp lại tài khoản.');
    await fireEvent.click(screen.getByTestId('vneid-confirm'));
    await waitFor(() => expect(screen.getByTestId('vneid-state').textContent).toBe('Lỗi'));
    expect(screen.getByTestId('vneid-failure').textContent).toBe('Quá 7 ngày chưa kích hoạt');
    expect((moves[0].change as Record<string, unknown>).failure).toBe('window_missed');
  });

  it('keeps the form open with the reason when the register refuses the move, and Escape cancels it', async () => {
    mockIPC((cmd) => {
      if (cmd === 'vneid_status') return vneid('R1');
      if (cmd === 'vneid_failures') return FAILURES;
      if (cmd === 'set_vneid') throw { code: 'application_refused', message: 'chọn lỗi gặp phải' };
      return null;
    });
    render(VneidPanel, { ma_ban_ghi: 'R1' });
    await fireEvent.click(await screen.findByTestId('vneid-to-loi'));
    await fireEvent.click(screen.getByTestId('vneid-confirm'));
    const error = await screen.findByTestId('vneid-error');
    expect(error.textContent).toContain('chọn lỗi gặp phải');
    const form = screen.getByTestId('vneid-move');
    await fireEvent.keyDown(form, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('vneid-move')).toBeNull());
  });
});
