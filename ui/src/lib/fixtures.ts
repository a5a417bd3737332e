// Test data shaped by the generated bindings, shared by the component tests.
import type { PersonDetail } from './bindings/PersonDetail';
import type { PersonHit } from './bindings/PersonHit';
import type { RegisterInfo } from './bindings/RegisterInfo';
import type { GroupProgressInfo } from './bindings/GroupProgressInfo';
import type { WorkItemInfo } from './bindings/WorkItemInfo';
import type { ApplicationInfo } from './bindings/ApplicationInfo';
import type { ProcedureInfo } from './bindings/ProcedureInfo';
import type { VneidInfo } from './bindings/VneidInfo';

export const info: RegisterInfo = {
  ward: 'Phường Ba Đình',
  province: 'Thành phố Hà Nội',
  is_demo: true,
  residents: 10000,
  households: 2988,
  residential_groups: 35,
  officer: null,
};

export const hit = (ma: string, ho_ten: string): PersonHit => ({
  ma_ban_ghi: ma,
  ho_ten,
  ngay_sinh: '12/03/1968',
  gioi_tinh: 'Nữ',
  so_dinh_danh: '001168012345',
  so_ho_so_cu_tru: 'HS000001',
  to_dan_pho: 'Tổ dân phố số 3',
  noi_o_hien_tai: null,
  matched: 'name',
  score: 1,
});

export const detail = (ma: string, ho_ten: string): PersonDetail => ({
  ma_ban_ghi: ma,
  ho_ten,
  ten_goi_khac: null,
  ngay_sinh: '1968',
  gioi_tinh: 'Nữ',
  so_dinh_danh: '001168012345',
  so_cmnd: null,
  noi_sinh: 'Hà Nội',
  noi_dang_ky_khai_sinh: 'Hà Nội',
  que_quan: null,
  dan_toc: 'Kinh',
  ton_giao: 'Không',
  quoc_tich: 'Việt Nam',
  nhom_mau: null,
  tinh_trang_hon_nhan: 'Đã kết hôn',
  noi_thuong_tru: 'Số 12 phố Quán Thánh, Phường Ba Đình, Thành phố Hà Nội',
  noi_tam_tru: null,
  noi_o_hien_tai: null,
  so_dien_thoai: null,
  email: null,
  ngay_chet: null,
  to_dan_pho: 'Tổ dân phố số 3',
  ho_ten_cha: null,
  ho_ten_me: null,
  ho_ten_vo_chong: 'Nguyễn Văn Hùng',
  version: 1,
  sync_state: null,
  household: {
    so_ho_so_cu_tru: 'HS000001',
    dia_chi: 'Số 12 phố Quán Thánh, Phường Ba Đình, Thành phố Hà Nội',
    to_dan_pho: 'Tổ dân phố số 3',
    // One household for every record of these tests, head first as the backend sends it.
    members: [
      { ma_ban_ghi: 'R2', ho_ten: 'Nguyễn Văn Hùng', quan_he_chu_ho: 'Chủ hộ', ngay_sinh: '01/02/1965', gioi_tinh: 'Nam', so_dinh_danh: '001065000111' },
      { ma_ban_ghi: 'R1', ho_ten: 'Trần Thị Hòa', quan_he_chu_ho: 'Vợ', ngay_sinh: '1968', gioi_tinh: 'Nữ', so_dinh_danh: '001168012345' },
      { ma_ban_ghi: 'R7', ho_ten: 'Trần Thị Hoa', quan_he_chu_ho: 'Con', ngay_sinh: '05/1995', gioi_tinh: 'Nữ', so_dinh_danh: null },
    ],
  },
});

export const workItem = (id: number, overrides: Partial<WorkItemInfo> = {}): WorkItemInfo => ({
  id,
  kind: 'not_normalized',
  severity: 'info',
  records: ['R1'],
  field: 'noi_thuong_tru',
  score: null,
  message: 'Cần chuẩn hóa (dạng Unicode, vị trí dấu thanh, khoảng trắng, chữ hoa)',
  suggestion: 'Số 12 phố Quán Thánh, Phường Ba Đình, Thành phố Hà Nội',
  fixable: true,
  explanation: [],
  group: 'Tổ dân phố số 3',
  state: 'moi',
  owner: null,
  reason: null,
  delay_reason: null,
  opened_at: '2026-03-02T08:00:00Z',
  closed_at: null,
  due: '2026-03-16',
  overdue: false,
  age_days: 1,
  ...overrides,
});

export const groupProgress = (group: string | null, overrides: Partial<GroupProgressInfo> = {}): GroupProgressInfo => ({
  group,
  records: 100,
  clean_records: 90,
  open: 12,
  resolved: 3,
  overdue: 1,
  percent_clean: 90,
  ...overrides,
});

export const vneid = (ma: string, overrides: Partial<VneidInfo> = {}): VneidInfo => ({
  ma_ban_ghi: ma,
  state: 'chua_dang_ky',
  registered_on: null,
  approved_on: null,
  activated_on: null,
  activate_by: null,
  days_left: null,
  failure: null,
  note: null,
  updated_at: null,
  next: ['cho_duyet', 'loi'],
  ...overrides,
});

/** The VNeID procedure much as the shipped catalog has it, shortened. */
export const vneidProcedure = (): ProcedureInfo => ({
  code: 'vneid_muc_2',
  name: 'Đăng ký và kích hoạt tài khoản định danh điện tử mức 2 (VNeID)',
  kind: 'vneid',
  agency: 'Công an cấp xã',
  time_limit_days: 3,
  time_limit_note: '',
  fee: { in_person: null, online: null, note: 'Miễn phí' },
  legal_basis: ['Nghị định 69/2024/NĐ-CP'],
  includes: [],
  checks: [
    { key: 'du_14_tuoi', rule: 'age_at_least', years: 14, question: null, message: 'Tài khoản mức 2 dành cho công dân từ đủ 14 tuổi.' },
    { key: 'the_con_han', rule: 'question', years: null, question: 'Công dân có thẻ căn cước còn hạn không?', message: 'Cần thẻ gắn chip còn hạn.' },
  ],
  documents: [
    { key: 'the_can_cuoc', name: 'Thẻ căn cước', required: true, lookup: false, note: '' },
    { key: 'giay_khai_sinh', name: 'Giấy khai sinh', required: true, lookup: true, note: '' },
  ],
  fields: [
    { key: 'ho_ten', label: 'Họ, chữ đệm và tên', kind: 'text', required: true, choices: [] },
    { key: 'so_dien_thoai', label: 'Số điện thoại chính chủ', kind: 'phone', required: true, choices: [] },
  ],
  steps: [
    { title: 'Mang thẻ căn cước đến Công an cấp xã', text: 'Mang theo thẻ và điện thoại.', picture: 'the_can_cuoc' },
    { title: 'Nhập mã OTP', text: 'Nhập mã OTP gồm 6 chữ số.', picture: null },
  ],
});

export const application = (id: string, overrides: Partial<ApplicationInfo> = {}): ApplicationInfo => ({
  id,
  procedure: 'vneid_muc_2',
  procedure_name: 'Đăng ký và kích hoạt tài khoản định danh điện tử mức 2 (VNeID)',
  catalog_version: '2026.12.1',
  ma_ban_ghi: 'R1',
  applicant: 'Trần Thị Hòa',
  to_dan_pho: 'Tổ dân phố số 3',
  channel: 'tai_quay',
  state: 'nhap',
  form: { ho_ten: 'Trần Thị Hòa', so_dien_thoai: '' },
  answers: {},
  documents: {},
  steps_done: 0,
  portal_number: null,
  received_at: null,
  due_on: null,
  closed_at: null,
  refusal_reason: null,
  delay_reason: null,
  officer: 'giangvien',
  created_at: '2026-12-03T08:00:00Z',
  updated_at: '2026-12-03T08:00:00Z',
  checks: [
    { key: 'du_14_tuoi', status: { outcome: 'passed' } },
    { key: 'the_con_han', status: { outcome: 'open', question: 'Công dân có thẻ căn cước còn hạn không?' } },
  ],
  form_errors: [{ key: 'so_dien_thoai', message: 'chưa nhập số điện thoại chính chủ' }],
  overdue: false,
  photos: [],
  ...overrides,
});

/** What the procedure commands answer in tests that are about something else. */
export function procedureDefaults(cmd: string, args: Record<string, unknown> = {}): unknown {
  if (cmd === 'vneid_status') return vneid(String(args.maBanGhi));
  if (cmd === 'applications' || cmd === 'vneid_failures') return [];
  if (cmd === 'procedures') return [vneidProcedure()];
  return null;
}
