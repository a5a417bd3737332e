import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { AppError, api, toAppError } from './api';
import { errorMessages } from './messages';

afterEach(() => clearMocks());

describe('api', () => {
  it('passes arguments under the names the Rust commands take', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { hits: [], total: 0, capped: false, elapsed_ms: 1 };
    });
    await api.searchPersons('nguyen thi lan', 50);
    expect(calls).toEqual([['search_persons', { query: 'nguyen thi lan', limit: 50 }]]);
  });

  it('turns an IPC error into a Vietnamese AppError', async () => {
    mockIPC(() => {
      throw { code: 'not_found', message: 'no record R1' };
    });
    const err = await api.personDetail('R1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('not_found');
    expect((err as AppError).message).toBe(errorMessages.not_found);
    expect((err as AppError).detail).toBe('no record R1');
  });

  it('sends a photo as its raw bytes, and answers pictures as data URLs fetched once', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'attach_photo') return { sha256: 'ab', document: 'the_can_cuoc', width: 1, height: 1, size: 1, warnings: [] };
      return new Uint8Array([255, 216, 255]).buffer;
    });
    const bytes = new Uint8Array([1, 2, 3]);
    await api.attachPhoto('A1', 'the_can_cuoc', 'Thẻ căn cước.jpg', bytes);
    expect(calls[0]).toEqual(['attach_photo', bytes]);
    expect(await api.stepPictureUrl('ma_otp')).toBe('data:image/png;base64,/9j/');
    expect(await api.thumbnailUrl('ab')).toBe('data:image/jpeg;base64,/9j/');
    await api.stepPictureUrl('ma_otp');
    expect(calls.slice(1)).toEqual([
      ['step_picture', { name: 'ma_otp' }],
      ['attachment_thumbnail', { sha256: 'ab' }],
    ]);
  });

  it('treats anything else thrown as internal', () => {
    expect(toAppError(new Error('boom')).code).toBe('internal');
  });
});
