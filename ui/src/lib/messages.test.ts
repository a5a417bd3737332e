import { describe, expect, it } from 'vitest';
import type { ErrorCode } from './bindings/ErrorCode';
import { errorMessages, messageFor } from './messages';
import { errorMessagesEn } from './messages.en';

// Every code of the generated ErrorCode type, checked both ways at compile time: a code
// added in Rust fails `npm run check` here until it is listed (and given a message).
const allCodes = [
  'not_found',
  'database',
  'register_not_ready',
  'schema_too_new',
  'register_locked',
  'wrong_password',
  'locked_out',
  'keyring_missing',
  'account_disabled',
  'forbidden',
  'invalid_account',
  'stale_edit',
  'invalid_edit',
  'device_unknown',
  'device_revoked',
  'enroll_failed',
  'wrong_pin',
  'pin_exhausted',
  'no_ward_register',
  'file_unreadable',
  'file_no_header',
  'file_missing_columns',
  'ward_required',
  'unknown_ward',
  'import_busy',
  'review_refused',
  'export_failed',
  'application_refused',
  'catalog_unreadable',
  'catalog_invalid',
  'print_failed',
  'invalid_range',
  'scan_folder_unreadable',
  'ward_figures_unavailable',
  'internal',
] as const satisfies readonly ErrorCode[];
type Unlisted = Exclude<ErrorCode, (typeof allCodes)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;

const vietnameseMarks = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/;

describe('error messages', () => {
  it.each(allCodes)('has its own Vietnamese message for %s', (code) => {
    expect(everyCodeListed).toBe(true);
    const text = messageFor(code);
    expect(text).toBe(errorMessages[code]);
    expect(text).not.toContain(code);
    expect(text.length).toBeGreaterThan(20);
    // Vietnamese text carries marks; an English fallback would not.
    expect(text).toMatch(vietnameseMarks);
  });

  it('gives each code a different message', () => {
    expect(new Set(allCodes.map(messageFor)).size).toBe(allCodes.length);
  });

  it('names an unknown code in a Vietnamese fallback instead of hiding it', () => {
    const text = messageFor('disk_full');
    expect(text).toContain('disk_full');
    expect(text).toMatch(vietnameseMarks);
  });

  it.each(allCodes)('has its own English message for %s, with no Vietnamese but a named term', (code) => {
    const text = errorMessagesEn[code];
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toContain(code);
    expect(text.replace(/\([^)]*\)/g, '')).not.toMatch(vietnameseMarks);
  });

  it('gives each code a different English message', () => {
    expect(new Set(allCodes.map((c) => errorMessagesEn[c])).size).toBe(allCodes.length);
  });
});
