import { beforeEach, describe, expect, it } from 'vitest';
import { language, setLanguage } from './language';

beforeEach(() => localStorage.clear());

describe('the UI language', () => {
  it('is Vietnamese unless English was chosen, and a change reloads the window once', () => {
    expect(language()).toBe('vi');
    let reloads = 0;
    setLanguage('vi', () => reloads++);
    expect(reloads).toBe(0);
    setLanguage('en', () => reloads++);
    expect((language(), reloads)).toBe(1);
    expect(language()).toBe('en');
    localStorage.setItem('motcua.language', 'fr');
    expect(language()).toBe('vi');
  });
});
