import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SearchScreen from './SearchScreen.svelte';
import { detail, hit, procedureDefaults } from '../fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

const names: Record<string, string> = { R1: 'Trần Thị Hòa', R7: 'Trần Thị Hoa', R2: 'Nguyễn Văn Hùng' };

function backend() {
  const queries: string[] = [];
  const opened: string[] = [];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'search_persons') {
      queries.push(String(a.query));
      expect(a.limit).toBe(50);
      return { hits: [hit('R1', names.R1), hit('R7', names.R7)], total: 2, capped: false, elapsed_ms: 3.4 };
    }
    if (cmd === 'person_detail') {
      const id = String(a.id);
      opened.push(id);
      const d = detail(id, names[id]);
      return id === 'R2' ? { ...d, ngay_chet: '03/2021' } : d;
    }
    const other = procedureDefaults(cmd, a);
    if (other !== null) return other;
    throw { code: 'internal', message: `unexpected ${cmd}` };
  });
  return { queries, opened };
}

async function typeAndWait(text: string) {
  const input = screen.getByTestId('search-input') as HTMLInputElement;
  await fireEvent.input(input, { target: { value: text } });
  const hits = await screen.findAllByTestId('search-hit', {}, { timeout: 2000 });
  return { input, hits };
}

describe('search screen', () => {
  it('focuses the box and lists hits for what was typed, debounced', async () => {
    const { queries } = backend();
    render(SearchScreen);
    const input = screen.getByTestId('search-input');
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: 'tran' } });
    const { hits } = await typeAndWait('tran thi hoa');
    expect(hits.map((h) => h.dataset.ma)).toEqual(['R1', 'R7']);
    expect(hits[0].querySelector('strong')?.textContent).toBe('Trần Thị Hòa');
    expect(hits[0].textContent).toContain('12/03/1968');
    expect(hits[0].textContent).toContain('001168012345');
    expect(hits[0].textContent).toContain('Tổ dân phố số 3');
    expect(hits[0].textContent).toContain('HS000001');
    // Only the last query of a burst of typing reaches the backend.
    expect(queries).toEqual(['tran thi hoa']);
    expect(screen.getByTestId('search-count').textContent).toBe('2 kết quả · 3 ms');
    expect(screen.getByRole('listbox')).toBeTruthy();
  });

  it('moves with the arrow keys and opens with Enter, household included', async () => {
    const { opened } = backend();
    render(SearchScreen);
    const { input } = await typeAndWait('tran');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'ArrowUp' });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option').map((o) => o.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    await fireEvent.keyDown(input, { key: 'Enter' });
    const card = await screen.findByTestId('person-detail');
    expect(opened).toEqual(['R7']);
    expect(within(card).getByRole('heading', { level: 1 }).textContent).toBe('Trần Thị Hoa');
    expect(card.textContent).toContain('Thông tin cá nhân');
    expect(card.textContent).toContain('Số định danh cá nhân');
    expect(card.textContent).toContain('— chưa có');
    const household = screen.getByTestId('household');
    expect(household.textContent).toContain('HS000001');
    const members = within(household).getAllByTestId('household-member');
    expect(members).toHaveLength(3);
    expect(members[0].textContent).toContain('Nguyễn Văn Hùng');
    expect(members[0].textContent).toContain('Chủ hộ');
    // Partial birth dates are shown as they are, never padded.
    expect(members[1].textContent).toContain('1968');
    expect(members[2].textContent).toContain('05/1995');
    expect(card.textContent).not.toMatch(/01\/01\/1968|01\/05\/1995/);
    expect(screen.queryByTestId('deceased')).toBeNull();
  });

  it('opens a household member by clicking, and marks the deceased', async () => {
    const { opened } = backend();
    render(SearchScreen);
    const { hits } = await typeAndWait('tran');
    await fireEvent.click(hits[0]);
    await screen.findByTestId('person-detail');
    await fireEvent.click(screen.getByRole('button', { name: 'Nguyễn Văn Hùng' }));
    await waitFor(() => expect(screen.getByTestId('deceased').textContent).toBe('Đã chết'));
    expect(opened).toEqual(['R1', 'R2']);
    expect(screen.getByTestId('person-detail').textContent).toContain('03/2021');
  });

  it('returns to the list with Escape or Quay lại, then clears with Escape', async () => {
    backend();
    render(SearchScreen);
    const { input } = await typeAndWait('tran');
    await fireEvent.keyDown(input, { key: 'Enter' });
    await screen.findByTestId('person-detail');
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('person-detail')).toBeNull();
    expect(input.value).toBe('tran');
    expect(screen.getAllByTestId('search-hit')).toHaveLength(2);

    await fireEvent.keyDown(input, { key: 'Enter' });
    await fireEvent.click(await screen.findByRole('button', { name: /Quay lại/ }));
    expect(screen.queryByTestId('person-detail')).toBeNull();
    expect(document.activeElement).toBe(input);

    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('');
    expect(screen.queryAllByTestId('search-hit')).toHaveLength(0);
  });

  it('says so when nothing matches', async () => {
    mockIPC(() => ({ hits: [], total: 0, capped: false, elapsed_ms: 0.2 }));
    render(SearchScreen);
    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'zzz' } });
    const empty = await screen.findByTestId('search-empty', {}, { timeout: 2000 });
    expect(empty.textContent).toBe('Không tìm thấy công dân phù hợp.');
    expect(screen.getByTestId('search-count').textContent).toContain('0 kết quả');
  });

  it('opens the procedure wizard from the citizen, by keyboard, and Escape comes back to them', async () => {
    backend();
    render(SearchScreen, { role: 'desk_officer' });
    const { input } = await typeAndWait('tran');
    await fireEvent.keyDown(input, { key: 'Enter' });
    await screen.findByTestId('person-detail');
    expect((await screen.findByTestId('vneid-state')).textContent).toBe('Chưa đăng ký');
    const guide = screen.getByTestId('guide-start');
    expect(guide.textContent).toBe('Hướng dẫn thủ tục');
    await fireEvent.click(guide);
    expect((await screen.findByTestId('wizard-citizen')).textContent).toBe('Trần Thị Hòa');
    await screen.findByTestId('procedure-chooser');
    expect(screen.queryByTestId('person-detail')).toBeNull();
    expect(input.closest('[hidden]')).not.toBeNull();
    await fireEvent.keyDown(window, { key: 'Escape' });
    await screen.findByTestId('person-detail');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('guide-start')));
    expect(input.closest('[hidden]')).toBeNull();
  });

  it('shows the Vietnamese message of a failed search', async () => {
    mockIPC(() => {
      throw { code: 'database', message: 'disk I/O error' };
    });
    render(SearchScreen);
    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'lan' } });
    const alert = await screen.findByRole('alert', {}, { timeout: 2000 });
    expect(alert.textContent).toContain('Không đọc được sổ dân cư');
    expect(alert.textContent).not.toContain('disk I/O');
  });
});
