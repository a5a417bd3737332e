import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ProcedureWizard from './ProcedureWizard.svelte';
import { application, vneidProcedure } from '../fixtures';
import type { ApplicationEdit } from '../bindings/ApplicationEdit';
import type { ApplicationInfo } from '../bindings/ApplicationInfo';
import type { StaffRole } from '../bindings/StaffRole';

afterEach(() => {
  cleanup();
  clearMocks();
});

type Args = Record<string, unknown>;
const QUESTION = 'Công dân có thẻ căn cước còn hạn không?';

/** A register much as the core behaves for one VNeID application: checks follow the
 * answers, the form is checked, filing refuses while a question is open. */
function backend({ refuseForm = false }: { refuseForm?: boolean } = {}) {
  const calls: Array<[string, Args]> = [];
  let app: ApplicationInfo = application('A1');
  const derive = () => {
    const answer = app.answers.the_con_han;
    app.checks = [
      { key: 'du_14_tuoi', status: { outcome: 'passed' } },
      {
        key: 'the_con_han',
        status: answer === undefined ? { outcome: 'open', question: QUESTION } : answer ? { outcome: 'passed' } : { outcome: 'failed', message: 'Cần thẻ gắn chip còn hạn.' },
      },
    ];
    app.form_errors = app.form.so_dien_thoai ? [] : [{ key: 'so_dien_thoai', message: 'chưa nhập số điện thoại chính chủ' }];
  };
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Args;
    calls.push([cmd, a]);
    if (cmd === 'procedures') return [{ ...vneidProcedure(), code: 'khai_sinh', kind: 'filing', name: 'Đăng ký khai sinh' }, vneidProcedure()];
    if (cmd === 'applications') return [];
    if (cmd === 'start_application') return app;
    if (cmd === 'step_picture') return new Uint8Array([137, 80, 78, 71]).buffer;
    if (cmd === 'change_application') {
      const edit = a.edit as ApplicationEdit;
      if (edit.form && refuseForm) throw { code: 'application_refused', message: 'hồ sơ đã nộp (Đã nộp trực tuyến): không sửa được' };
      app = {
        ...app,
        form: { ...app.form, ...(edit.form ?? {}) },
        answers: { ...app.answers, ...(edit.answers ?? {}) },
        documents: { ...app.documents, ...(edit.documents ?? {}) },
        steps_done: edit.steps_done ?? app.steps_done,
      };
      derive();
      return app;
    }
    if (cmd === 'mark_guided') return (app = { ...app, state: 'da_huong_dan' });
    if (cmd === 'file_application') {
      if (app.answers.the_con_han === undefined) throw { code: 'application_refused', message: `chưa nộp được: chưa trả lời: ${QUESTION}` };
      return (app = { ...app, state: 'da_nop', portal_number: String(a.portalNumber), received_at: '2026-12-03T09:15:00', due_on: '2026-12-08' });
    }
    if (cmd === 'print_guide') return '/data/phieu-in/A1-huong-dan.pdf';
    return null;
  });
  return calls;
}

async function started(role: StaffRole | null = null) {
  const calls = backend();
  const closed: number[] = [];
  render(ProcedureWizard, {
    citizen: { ma_ban_ghi: 'R1', ho_ten: 'Trần Thị Hòa' },
    role,
    backLabel: 'Quay lại hồ sơ công dân',
    onclose: () => closed.push(1),
  });
  const options = await screen.findAllByTestId('procedure-option');
  return { calls, closed, options };
}

const tab = (id: string) => screen.getAllByTestId('wizard-tab').find((t) => t.dataset.tab === id)!;

describe('the procedure wizard', () => {
  it('offers VNeID first and chosen, at the desk, or at home for the mobile team', async () => {
    const { options, calls } = await started();
    expect(options.map((o) => o.dataset.code)).toEqual(['vneid_muc_2', 'khai_sinh']);
    await waitFor(() => expect(document.activeElement).toBe(options[0]));
    expect((options[0] as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('channel') as HTMLSelectElement).value).toBe('tai_quay');
    await fireEvent.click(screen.getByTestId('start-application'));
    await screen.findByTestId('wizard-checks');
    expect(calls.find(([c]) => c === 'start_application')![1]).toEqual({ procedure: 'vneid_muc_2', maBanGhi: 'R1', channel: 'tai_quay' });
    cleanup();
    await started('mobile_team');
    expect((screen.getByTestId('channel') as HTMLSelectElement).value).toBe('luu_dong');
  });

  it('answers a question with the K and C keys, showing why a "no" fails', async () => {
    const { calls } = await started();
    await fireEvent.click(screen.getByTestId('start-application'));
    const row = (await screen.findAllByTestId('check')).find((c) => c.dataset.key === 'the_con_han')!;
    expect(row.dataset.outcome).toBe('open');
    expect(screen.getAllByTestId('check')[0].textContent).toContain('Từ đủ 14 tuổi');
    await fireEvent.keyDown(within(row).getByTestId('answer-no'), { key: 'k' });
    await waitFor(() => expect(row.dataset.outcome).toBe('failed'));
    expect(within(row).getByTestId('check-message').textContent).toBe('Cần thẻ gắn chip còn hạn.');
    await fireEvent.keyDown(within(row).getByTestId('answer-no'), { key: 'c' });
    await waitFor(() => expect(row.dataset.outcome).toBe('passed'));
    const answers = calls.filter(([c]) => c === 'change_application').map(([, a]) => (a.edit as ApplicationEdit).answers);
    expect(answers).toEqual([{ the_con_han: false }, { the_con_han: true }]);
    await screen.findByTestId('checks-ok');
  });

  it('saves the form when its tab is left, and keeps what was typed when the register refuses', async () => {
    const calls = backend({ refuseForm: true });
    render(ProcedureWizard, { citizen: { ma_ban_ghi: 'R1', ho_ten: 'Trần Thị Hòa' }, role: null, backLabel: 'Quay lại', onclose: () => {} });
    await fireEvent.click(await screen.findByTestId('start-application'));
    await screen.findByTestId('wizard-checks');
    await fireEvent.keyDown(tab('checks'), { key: 'ArrowRight', altKey: true });
    await fireEvent.keyDown(tab('papers'), { key: 'ArrowRight', altKey: true });
    await waitFor(() => expect(tab('form').getAttribute('aria-selected')).toBe('true'));
    const phone = screen.getAllByTestId('form-field').find((f) => f.dataset.key === 'so_dien_thoai')!;
    expect(within(phone).getByTestId('form-error').textContent).toBe('chưa nhập số điện thoại chính chủ');
    const input = within(phone).getByTestId('form-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '0912345678' } });
    await fireEvent.click(tab('steps'));
    const error = await screen.findByTestId('wizard-error');
    expect(error.textContent).toContain('Sổ dân cư chưa nhận bước này của hồ sơ');
    expect(error.textContent).toContain('không sửa được');
    expect(calls.filter(([c]) => c === 'change_application').map(([, a]) => (a.edit as ApplicationEdit).form)).toEqual([
      { ho_ten: 'Trần Thị Hòa', so_dien_thoai: '0912345678' },
    ]);
    await fireEvent.click(tab('form'));
    expect(input.value).toBe('0912345678');
  });

  it('walks the steps one by one, marks the walk done, is refused with the reason, then files', async () => {
    const { calls } = await started();
    await fireEvent.click(screen.getByTestId('start-application'));
    await screen.findByTestId('wizard-checks');
    await fireEvent.click(tab('steps'));
    const card = () => screen.getByTestId('step-card');
    expect(card().dataset.index).toBe('0');
    expect(card().classList.contains('current')).toBe(true);
    await waitFor(() => expect((screen.getByTestId('step-picture') as HTMLImageElement).src).toBe('data:image/png;base64,iVBORw=='));
    await fireEvent.click(screen.getByTestId('step-next'));
    await waitFor(() => expect(card().dataset.index).toBe('1'));
    expect(screen.getByTestId('steps-done').textContent).toBe('Đã hướng dẫn 1 / 2 bước');
    await fireEvent.click(screen.getByTestId('step-next'));
    const guided = await screen.findByTestId('mark-guided');
    await waitFor(() => expect(document.activeElement).toBe(guided));
    await fireEvent.click(guided);
    await waitFor(() => expect(tab('file').getAttribute('aria-selected')).toBe('true'));
    expect(screen.getByTestId('wizard-state').textContent).toBe('Đã hướng dẫn');

    const number = screen.getByTestId('portal-number') as HTMLInputElement;
    await fireEvent.input(number, { target: { value: 'G22.99-261203-0001' } });
    await fireEvent.click(screen.getByTestId('file-submit'));
    const error = await screen.findByTestId('wizard-error');
    expect(within(error).getByTestId('wizard-error-reason').textContent).toBe(`chưa nộp được: chưa trả lời: ${QUESTION}`);
    expect(number.value).toBe('G22.99-261203-0001');

    await fireEvent.click(tab('checks'));
    const row = screen.getAllByTestId('check').find((c) => c.dataset.key === 'the_con_han')!;
    await fireEvent.click(within(row).getByTestId('answer-yes'));
    await waitFor(() => expect(row.dataset.outcome).toBe('passed'));
    await fireEvent.click(tab('file'));
    await fireEvent.click(screen.getByTestId('file-submit'));
    expect((await screen.findByTestId('application-state')).textContent).toBe('Đã nộp trực tuyến');
    expect(screen.getByTestId('application-due').textContent).toBe('08/12/2026');
    expect(screen.queryByTestId('wizard-error')).toBeNull();
    expect(calls.filter(([c]) => c === 'file_application').map(([, a]) => a.portalNumber)).toEqual(['G22.99-261203-0001', 'G22.99-261203-0001']);

    await fireEvent.click(screen.getByTestId('print-guide'));
    expect((await screen.findByTestId('print-path')).textContent).toBe('/data/phieu-in/A1-huong-dan.pdf');
    expect(screen.getByTestId('print-receipt')).toBeTruthy();
  });

  it('opens an application whose procedure is no longer in force today', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'procedures') return [];
      if (cmd === 'application') return application('A9', { procedure: 'cu', procedure_name: 'Thủ tục cũ', state: 'da_huong_dan' });
      if (cmd === 'procedure') {
        asked.push((args as Args).code);
        return { ...vneidProcedure(), code: 'cu', name: 'Thủ tục cũ' };
      }
      return null;
    });
    render(ProcedureWizard, { applicationId: 'A9', role: null, backLabel: 'Quay lại', onclose: () => {} });
    await screen.findByTestId('portal-number');
    expect(asked).toEqual(['cu']);
    expect(screen.queryByTestId('wizard-error')).toBeNull();
  });

  it('closes back to the citizen with its back button', async () => {
    const { closed } = await started();
    await fireEvent.click(screen.getByTestId('wizard-back'));
    await waitFor(() => expect(closed).toEqual([1]));
  });
});
