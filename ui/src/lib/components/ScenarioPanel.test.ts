import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ScenarioPanel from './ScenarioPanel.svelte';

// jsdom lays nothing out, so it has no scrolling.
beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
});

afterEach(() => {
  cleanup();
  clearMocks();
  document.body.querySelectorAll('.page').forEach((e) => e.remove());
});

const person = (ma: string, ho_ten: string, ngay_sinh: string) => ({ ma_ban_ghi: ma, ho_ten, ngay_sinh, so_dinh_danh: null });

function backend() {
  mockIPC((cmd) => {
    if (cmd === 'training_subjects') {
      return { elderly: null, year_only: person('R2', 'Trần Văn Năm', '1956'), mother: person('R3', 'Lê Thị Hoa', '12/03/1998'), moved_duplicate: null };
    }
    return null;
  });
}

/** The screen as the officer changes it, outside the panel. */
function page(html: string) {
  document.body.querySelectorAll('.page').forEach((e) => e.remove());
  const div = document.createElement('div');
  div.className = 'page';
  div.innerHTML = html;
  document.body.append(div);
}

describe('the scenario panel', () => {
  it('offers the scenarios whose person the demo ward has, the first one focused', async () => {
    backend();
    render(ScenarioPanel, { onclose: () => {}, onreset: () => {} });
    const choices = await screen.findAllByTestId('scenario-choice');
    await waitFor(() => expect(choices.map((c) => (c as HTMLButtonElement).disabled)).toEqual([true, false, false, false]));
    await waitFor(() => expect(document.activeElement?.getAttribute('data-id')).toBe('year_only'));
  });

  it('highlights each step, F8 focuses it, moves on as the screen changes, and ends with the reset', async () => {
    backend();
    let resets = 0;
    render(ScenarioPanel, { onclose: () => {}, onreset: () => resets++ });
    page('<input data-testid="search-input">');
    await waitFor(() => expect(screen.getAllByTestId('scenario-choice')[1]).not.toHaveProperty('disabled', true));
    await fireEvent.click(screen.getAllByTestId('scenario-choice')[1]);
    const panel = screen.getByTestId('scenario-panel');
    expect(screen.getByTestId('scenario-say').textContent).toContain('Trần Văn Năm');
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('search-input'));
    expect(document.activeElement?.classList.contains('scenario-target')).toBe(true);

    page('<input data-testid="search-input"><ul role="listbox"><li role="option" data-testid="search-hit" data-ma="R2">Trần Văn Năm</li></ul>');
    await waitFor(() => expect(panel.dataset.step).toBe('1'), { timeout: 2000 });
    page('<article data-testid="person-detail" data-ma="R2"><dl><dd data-field="ngay_sinh">1956</dd></dl><button data-testid="field-edit" data-field="ngay_sinh">Sửa</button></article>');
    await waitFor(() => expect(panel.dataset.step).toBe('2'), { timeout: 2000 });
    await fireEvent.keyDown(window, { key: 'F8' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('field-edit'));
    page('<article data-testid="person-detail" data-ma="R2"><dl><dd data-field="ngay_sinh">15/03/1956</dd></dl><input data-testid="field-input" data-field="ngay_sinh"></article>');
    await screen.findByTestId('scenario-finished', {}, { timeout: 2000 });
    expect(document.querySelectorAll('.scenario-target')).toHaveLength(0);
    await fireEvent.click(screen.getByTestId('scenario-reset'));
    expect(resets).toBe(1);
  });
});
