import { describe, expect, it } from 'vitest';
import { errorMessages, messageFor } from './messages';

describe('error messages', () => {
  it('has a Vietnamese message for every code', () => {
    for (const [code, text] of Object.entries(errorMessages)) {
      expect(text.length, code).toBeGreaterThan(20);
      // Vietnamese text carries marks; an English fallback would not.
      expect(text, code).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    }
  });

  it('names an unknown code instead of hiding it', () => {
    expect(messageFor('disk_full')).toContain('disk_full');
    expect(messageFor('not_found')).toBe(errorMessages.not_found);
  });
});
