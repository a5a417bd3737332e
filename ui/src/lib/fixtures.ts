// Test data shaped by the generated bindings, shared by the component tests.
import type { PersonDetail } from './bindings/PersonDetail';
import type { PersonHit } from './bindings/PersonHit';
import type { RegisterInfo } from './bindings/RegisterInfo';
import type { GroupProgressInfo } from './bindings/GroupProgressInfo';
import type { WorkItemInfo } from './bindings/WorkItemInfo';

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
