import { beforeEach, describe, expect, it } from 'vitest';
import { SCALES, loadScale, stepScale } from './textSize';

beforeEach(() => localStorage.clear());

describe('text size', () => {
  it('never goes below the 16px base', () => {
    expect(Math.min(...SCALES) * 16).toBeGreaterThanOrEqual(16);
    expect(stepScale(SCALES[0], -1)).toBe(SCALES[0]);
  });

  it('remembers the chosen step across restarts', () => {
    const larger = stepScale(loadScale(), 1);
    expect(larger).toBeGreaterThan(1);
    expect(loadScale()).toBe(larger);
  });

  it('ignores a value it did not write', () => {
    localStorage.setItem('motcua.textScale', '0.5');
    expect(loadScale()).toBe(1);
  });
});
