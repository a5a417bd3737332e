import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ProceduresScreen from './ProceduresScreen.svelte';
import { application, vneidProcedure } from '../fixtures';
import type { ApplicationInfo } from '../bindings/ApplicationInfo';

afterEach(() => {
  cleanup();
  clearMocks();
});

function backend(items: ApplicationInfo[]) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    if (cmd === 'applications') return items;
    if (cmd === 'application') return items.find((i) => i.id === a.id);
    if (cmd === 'procedures') return [vneidProcedure()];
    if (cmd === 'explain_application_delay') {
      if (String(a.reason).length < 5) throw { code: 'application_refused', message: 'ghi rõ lý do chậm (ít nhất 5 ký tự)' };
      return { ...items[0], delay_reason: a.reason };
    }
    return null;
  });
  return calls;
}

const late = application('A1', { state: 'da_nop', portal_number: 'G22-1', due_on: '2026-11-20', overdue: true });
const filed = application('A2', { applicant: 'Lê Văn Nam', state: 'da_nop', portal_number: 'G22-2', due_on: '2026-12-09', delay_reason: null });

describe('the Thủ tục screen', () => {
  it('lists applications with their state, flags the overdue ones, and filters', async () => {
    const calls = backend([late, filed]);
    render(ProceduresScreen, { role: null });
    const rows = await screen.findAllByTestId('application-row');
    expect(rows.map((r) => r.dataset.id)).toEqual(['A1', 'A2']);
    expect(rows[0].textContent).toContain('Đã nộp trực tuyến');
    expect(within(rows[0]).getByTestId('application-overdue').textContent).toBe('Quá hạn: chưa giải trình');
    expect(within(rows[1]).queryByTestId('application-overdue')).toBeNull();
    await fireEvent.click(screen.getByTestId('applications-overdue'));
    await fireEvent.change(screen.getByTestId('applications-state'), { target: { value: 'da_nop' } });
    await waitFor(() => expect(calls.filter(([c]) => c === 'applications').at(-1)![1]).toEqual({ query: { ma_ban_ghi: null, state: 'da_nop', overdue_only: true, limit: 200 } }));
  });

  it('explains an overdue application; a refused reason stays typed, with why', async () => {
    backend([late]);
    render(ProceduresScreen, { role: null });
    await fireEvent.click(await screen.findByTestId('application-explain'));
    const box = screen.getByTestId('reason-input') as HTMLTextAreaElement;
    await fireEvent.input(box, { target: { value: 'chờ' } });
    await fireEvent.click(screen.getByTestId('reason-submit'));
    expect((await screen.findByRole('alert')).textContent).toContain('ít nhất 5 ký tự');
    expect(box.value).toBe('chờ');
    await fireEvent.input(box, { target: { value: 'Chờ kết quả xác minh của công an' } });
    await fireEvent.click(screen.getByTestId('reason-submit'));
    await waitFor(() => expect(screen.getByTestId('application-overdue').textContent).toBe('Quá hạn: Chờ kết quả xác minh của công an'));
    expect(screen.queryByTestId('reason-form')).toBeNull();
  });

  it('opens an application in the wizard at its filing, and Escape comes back to the list', async () => {
    backend([filed]);
    render(ProceduresScreen, { role: null });
    await fireEvent.click(await screen.findByTestId('application-open'));
    expect((await screen.findByTestId('application-state')).textContent).toBe('Đã nộp trực tuyến');
    await fireEvent.keyDown(window, { key: 'Escape' });
    await screen.findByTestId('applications');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('application-open')));
  });
});
