import { describe, expect, it } from 'vitest';
import { SCENARIOS, STEPS, available, nextStep, subjectOf, type People } from './scenarios';
import { en } from './strings.en';
import { vi } from './strings.vi';

const person = (ma: string, ho_ten: string) => ({ ma_ban_ghi: ma, ho_ten, ngay_sinh: '1956', so_dinh_danh: '001056000001' });
const people: People = {
  elderly: person('R1', 'Nguyễn Thị Lành'),
  year_only: person('R2', 'Trần Văn Năm'),
  mother: person('R3', 'Lê Thị Hoa'),
  moved_duplicate: null,
};

function page(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

describe('training scenarios', () => {
  it('have a text for every step, in both languages', () => {
    for (const id of SCENARIOS) {
      expect(vi.training.scenarios[id].steps.length, id).toBe(STEPS[id].length);
      expect(en.training.scenarios[id].steps.length, id).toBe(STEPS[id].length);
    }
  });

  it('move on only as far as the screen shows the steps done', () => {
    const steps = STEPS.year_only;
    expect(nextStep(steps, 0, page(''), people)).toBe(0);
    const found = page('<ul><li data-testid="search-hit" data-ma="R2"></li></ul>');
    expect(nextStep(steps, 0, found, people)).toBe(1);
    const opened = page(
      '<article data-testid="person-detail" data-ma="R2"><dl><dd data-field="ngay_sinh">1956</dd></dl>' +
        '<input data-testid="field-input" data-field="ngay_sinh"></article><li data-testid="search-hit" data-ma="R2"></li>',
    );
    expect(nextStep(steps, 0, opened, people)).toBe(3);
    const saved = page(
      '<li data-testid="search-hit" data-ma="R2"></li><article data-testid="person-detail" data-ma="R2">' +
        '<input data-testid="field-input" data-field="ngay_sinh"><dl><dd data-field="ngay_sinh">15/03/1956</dd></dl></article>',
    );
    expect(nextStep(steps, 0, saved, people)).toBe(steps.length);
    // Another citizen's detail is not this step done.
    expect(nextStep(steps, 1, page('<article data-testid="person-detail" data-ma="R9"></article>'), people)).toBe(1);
  });

  it('point at the place of each step, the person by their record', () => {
    expect(STEPS.elderly_vneid[1].target(people)).toBe('[data-testid="search-hit"][data-ma="R1"]');
    expect(STEPS.newborn_bundle[3].target(people)).toBe('[data-testid="procedure-option"][data-code="lien_thong_khai_sinh"]');
    expect(STEPS.moved_duplicate[3].target(people)).toBeNull();
    const pair = { ...people, moved_duplicate: [person('R7', 'Phạm Văn An'), person('R8', 'Phạm Văn An')] };
    expect(STEPS.moved_duplicate[3].target(pair)).toBe('[data-testid="finding"][data-records="R7,R8"]');
  });

  it('are offered only where the demo ward has their person (the duplicate comes with the review)', () => {
    const none: People = { elderly: null, year_only: null, mother: null, moved_duplicate: null };
    expect(SCENARIOS.filter((id) => available(none, id))).toEqual(['moved_duplicate']);
    expect(subjectOf(people, 'newborn_bundle')?.ho_ten).toBe('Lê Thị Hoa');
  });
});
