// The message an officer reads for each error code, in the UI's language.
import type { ErrorCode } from './bindings/ErrorCode';
import { language } from './language';
import { errorMessagesEn, unknownCodeEn } from './messages.en';
import { errorMessagesVi, unknownCodeVi } from './messages.vi';

const english = language() === 'en';
export const errorMessages: Record<ErrorCode, string> = english ? errorMessagesEn : errorMessagesVi;
const unknownCode = english ? unknownCodeEn : unknownCodeVi;

export function messageFor(code: string): string {
  return (errorMessages as Record<string, string>)[code] ?? unknownCode(code);
}
