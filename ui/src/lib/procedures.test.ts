import { describe, expect, it } from 'vitest';
import { AppError } from './api';
import { application, vneid, vneidProcedure } from './fixtures';
import {
  answerOfKey,
  checkLabel,
  countdown,
  currentStep,
  defaultChannel,
  errorsByField,
  feeText,
  firstTab,
  limitText,
  orderProcedures,
  paperChoices,
  portalAnswers,
  reasonsOf,
  receivedText,
  todayIso,
  unsavedFields,
} from './procedures';

describe('procedures', () => {
  it('offers VNeID first, the rest in the catalog order', () => {
    const p = vneidProcedure();
    const filing = (code: string) => ({ ...p, code, kind: 'filing' as const });
    const order = orderProcedures([filing('khai_sinh'), p, filing('khai_tu')]).map((x) => x.code);
    expect(order).toEqual(['vneid_muc_2', 'khai_sinh', 'khai_tu']);
  });

  it('files at the desk by default, at home for the mobile team', () => {
    expect(defaultChannel(null)).toBe('tai_quay');
    expect(defaultChannel('desk_officer')).toBe('tai_quay');
    expect(defaultChannel('mobile_team')).toBe('luu_dong');
  });

  it('says what each check tests, or asks its question', () => {
    const [age, question] = vneidProcedure().checks;
    expect(checkLabel(age)).toBe('Từ đủ 14 tuổi');
    expect(checkLabel(question)).toBe('Công dân có thẻ căn cước còn hạn không?');
    expect(checkLabel({ ...age, rule: 'age_below', years: 6 })).toBe('Dưới 6 tuổi');
  });

  it('answers a question with C/Y for yes and K/N for no, nothing else', () => {
    expect(['c', 'C', 'y'].map(answerOfKey)).toEqual([true, true, true]);
    expect(['k', 'K', 'n'].map(answerOfKey)).toEqual([false, false, false]);
    expect(['Enter', ' ', 'x'].map(answerOfKey)).toEqual([null, null, null]);
  });

  it('offers "không cần" only for a paper the office looks up', () => {
    const [card, birth] = vneidProcedure().documents;
    expect(paperChoices(card)).toEqual(['present', 'missing']);
    expect(paperChoices(birth)).toEqual(['present', 'missing', 'not_needed']);
  });

  it('walks the first step not done, staying on the last once all are', () => {
    expect([0, 1, 6, 7, 9].map((d) => currentStep(d, 7))).toEqual([0, 1, 6, 6, 6]);
  });

  it('reads fees and time limits as the citizen hears them', () => {
    expect(feeText({ in_person: null, online: null, note: '' })).toBe('Miễn phí');
    expect(feeText({ in_person: 20000, online: 10000, note: 'miễn cho hộ nghèo' })).toBe(
      'trực tuyến 10.000 đồng; trực tiếp 20.000 đồng; miễn cho hộ nghèo',
    );
    const p = vneidProcedure();
    expect(limitText(p)).toBe('3 ngày làm việc');
    expect(limitText({ ...p, time_limit_days: 0, time_limit_note: 'nếu nộp trước 15 giờ' })).toBe('trong ngày (nếu nộp trước 15 giờ)');
  });

  it('counts down the activation days only while an approved account waits', () => {
    expect(countdown(vneid('R1', { state: 'cho_kich_hoat', days_left: 7 }))).toBe('Còn 7 ngày để kích hoạt');
    expect(countdown(vneid('R1', { state: 'cho_kich_hoat', days_left: 0 }))).toBe('Hôm nay là ngày cuối để kích hoạt');
    expect(countdown(vneid('R1', { state: 'cho_kich_hoat', days_left: -2 }))).toBe('Đã quá hạn kích hoạt 2 ngày');
    expect(countdown(vneid('R1', { state: 'cho_duyet', days_left: null }))).toBeNull();
  });

  it('shows times and days the Vietnamese way, today by the local calendar', () => {
    expect(receivedText('2026-12-03T15:30:00')).toBe('15:30 ngày 03/12/2026');
    expect(receivedText(null)).toBe('');
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('opens a draft at its checks and a guided or filed one at filing', () => {
    expect(firstTab(application('A'))).toBe('checks');
    expect(firstTab(application('A', { state: 'da_huong_dan' }))).toBe('file');
    expect(firstTab(application('A', { state: 'da_nop' }))).toBe('file');
  });

  it('lists every reason of a refused catalog, and the core sentence of a refused step', () => {
    expect(reasonsOf(new AppError('catalog_invalid', 'phiên bản sai\n\nthiếu tên'))).toEqual(['phiên bản sai', 'thiếu tên']);
    expect(reasonsOf(new AppError('application_refused', 'chưa nộp được: thiếu giấy tờ; a'))).toEqual(['chưa nộp được: thiếu giấy tờ; a']);
    expect(reasonsOf(new AppError('database', 'disk I/O error'))).toEqual([]);
  });

  it('knows which typed fields the register does not hold yet', () => {
    expect(unsavedFields({ ho_ten: 'An', email: '' }, { ho_ten: 'An' })).toEqual([]);
    expect(unsavedFields({ ho_ten: 'Ân', email: 'a@b.vn' }, { ho_ten: 'An' })).toEqual(['ho_ten', 'email']);
  });

  it('puts each form error under its field, and the others apart', () => {
    const a = application('A', {
      form_errors: [
        { key: 'so_dien_thoai', message: 'số điện thoại không đúng' },
        { key: 'cu', message: 'trường "cu" không có trong mẫu' },
      ],
    });
    const { byKey, other } = errorsByField(a, vneidProcedure());
    expect(byKey.get('so_dien_thoai')).toEqual(['số điện thoại không đúng']);
    expect(byKey.has('ho_ten')).toBe(false);
    expect(other).toEqual(['trường "cu" không có trong mẫu']);
  });

  it('offers the portal answers the register accepts', () => {
    expect(portalAnswers('da_nop')).toEqual(['dang_xu_ly', 'co_ket_qua', 'bi_tu_choi']);
    expect(portalAnswers('dang_xu_ly')).toEqual(['co_ket_qua', 'bi_tu_choi']);
    expect(portalAnswers('co_ket_qua')).toEqual([]);
    expect(portalAnswers('nhap')).toEqual([]);
  });
});
