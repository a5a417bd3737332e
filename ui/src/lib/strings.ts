// The UI's strings in the officer's language: Vietnamese first, English second. Every
// component reads `t`; the language is chosen in Cài đặt or the header and takes effect
// when the window reloads (`language.ts`).
import { en } from './strings.en';
import { vi } from './strings.vi';
import { language } from './language';

/** The shape of the strings: Vietnamese's keys and functions, any text. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer U)[]
      ? readonly Widen<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Widen<T[K]> }
        : T;

export type Strings = Widen<typeof vi>;

export const strings: Record<'vi' | 'en', Strings> = { vi, en };

export const t: Strings = strings[language()];
