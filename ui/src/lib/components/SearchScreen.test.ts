import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SearchScreen from './SearchScreen.svelte';
import { detail, hit } from '../fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

function backend() {
  const queries: string[] = [];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'search_persons') {
      queries.push(String(a.query));
      return { hits: [hit('R1', 'Trần Thị Hòa'), hit('R7', 'Trần Thị Hoa')], total: 2, elapsed_ms: 0.4 };
    }
    if (cmd === 'person_detail') return detail(String(a.id), a.id === 'R1' ? 'Trần Thị Hòa' : 'Trần Thị Hoa');
    throw { code: 'internal', message: `unexpected ${cmd}` };
  });
  return queries;
}

describe('search screen', () => {
  it('lists hits for what was typed', async () => {
    const queries = backend();
    render(SearchScreen);
    const input = screen.getByTestId('search-input');
    await fireEvent.input(input, { target: { value: 'tran thi hoa' } });
    const hits = await screen.findAllByTestId('search-hit', {}, { timeout: 2000 });
    expect(hits.map((h) => h.dataset.ma)).toEqual(['R1', 'R7']);
    expect(hits[0].textContent).toContain('Trần Thị Hòa');
    expect(queries).toEqual(['tran thi hoa']);
    expect(screen.getByTestId('search-count').textContent).toContain('2 kết quả');
  });

  it('moves with the arrow keys and opens with Enter, household included', async () => {
    backend();
    render(SearchScreen);
    const input = screen.getByTestId('search-input');
    await fireEvent.input(input, { target: { value: 'tran' } });
    await screen.findAllByTestId('search-hit', {}, { timeout: 2000 });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'Enter' });
    const card = await screen.findByTestId('person-detail');
    expect(card.textContent).toContain('Trần Thị Hoa');
    const members = screen.getAllByTestId('household-member');
    expect(members).toHaveLength(2);
    expect(members[0].textContent).toContain('Chủ hộ');
    // A partial birth date is shown as it is, never padded.
    expect(card.textContent).toContain('1968');
    expect(card.textContent).not.toContain('01/01/1968');
  });

  it('says so when nothing matches', async () => {
    mockIPC(() => ({ hits: [], total: 0, elapsed_ms: 0.2 }));
    render(SearchScreen);
    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'zzz' } });
    await waitFor(() => expect(screen.getByText('Không tìm thấy công dân phù hợp.')).toBeTruthy(), { timeout: 2000 });
  });

  it('shows the Vietnamese message of a failed search', async () => {
    mockIPC(() => {
      throw { code: 'database', message: 'disk I/O error' };
    });
    render(SearchScreen);
    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'lan' } });
    const alert = await screen.findByRole('alert', {}, { timeout: 2000 });
    expect(alert.textContent).toContain('Không đọc được sổ dân cư');
  });
});
