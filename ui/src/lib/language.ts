// The UI's language: Vietnamese unless the officer chose English, kept on this computer.
// Changing it reloads the window, so every screen reads its strings once.
const KEY = 'motcua.language';

export type Language = 'vi' | 'en';

export function language(): Language {
  return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'vi';
}

export function setLanguage(lang: Language, reload: () => void = () => location.reload()) {
  if (lang === language()) return;
  localStorage.setItem(KEY, lang);
  reload();
}

/** The locale numbers and dates are written in. */
export const LOCALE = language() === 'en' ? 'en-GB' : 'vi-VN';

/** A number as the UI's language writes it (10.000 / 10,000). */
export function num(v: number, options?: Intl.NumberFormatOptions): string {
  return v.toLocaleString(LOCALE, options);
}
