// Every visible string of the UI except error messages (messages.ts), in one place so an
// English toggle can come later by swapping this object.
import type { MatchKind } from './bindings/MatchKind';

export const t = {
  appName: 'MotCua',
  appTagline: 'Bộ phận Một cửa',
  demoBanner: 'Dữ liệu mẫu',
  demoBannerDetail:
    'Đây là phường mẫu với cư dân giả lập, dùng để tập huấn và trình diễn. Dữ liệu này không bao giờ được đồng bộ.',

  preparing: 'Đang chuẩn bị sổ dân cư…',
  openFailed: 'Không mở được sổ dân cư',
  progressLabel: 'Tiến độ chuẩn bị sổ dân cư',
  stageGenerating: 'Đang tạo phường mẫu',
  stageWriting: 'Đang ghi vào sổ dân cư',
  retry: 'Thử lại',

  residents: 'nhân khẩu',
  households: 'hộ',
  groups: 'tổ dân phố',
  textSmaller: 'Giảm cỡ chữ',
  textLarger: 'Tăng cỡ chữ',

  navLabel: 'Khu vực làm việc',
  soon: 'sắp có',
  notBuilt: 'Chức năng này chưa có trong phiên bản hiện tại.',
  areas: {
    search: { label: 'Tra cứu', plan: '' },
    review: {
      label: 'Rà soát dữ liệu',
      plan: 'Sẽ tìm số định danh sai, trường còn thiếu, ngày sinh chưa đầy đủ, hồ sơ trùng lặp và địa chỉ theo đơn vị hành chính cũ, rồi theo dõi từng phát hiện đến khi xử lý xong, theo từng tổ dân phố.',
    },
    procedures: {
      label: 'Thủ tục & VNeID',
      plan: 'Sẽ hướng dẫn công dân kích hoạt tài khoản định danh điện tử mức 2 và nộp trực tuyến các thủ tục thường gặp (khai sinh, khai tử, kết hôn, cư trú), điền sẵn từ sổ dân cư và in hướng dẫn từng bước.',
    },
    stats: {
      label: 'Thống kê',
      plan: 'Sẽ theo dõi số hồ sơ nộp trực tuyến, số tài khoản kích hoạt so với chỉ tiêu và tiến độ làm sạch dữ liệu, kèm báo cáo Excel và PDF.',
    },
    sync: {
      label: 'Đồng bộ',
      plan: 'Sẽ gửi các chỉnh sửa làm khi không có mạng lên máy chủ của phường khi có kết nối, không mất, không trùng và không ghi đè âm thầm chỉnh sửa của người khác.',
    },
    settings: {
      label: 'Cài đặt',
      plan: 'Sẽ có tài khoản cán bộ, mã hóa sổ dân cư trên máy, kết nối máy chủ phường và ngôn ngữ giao diện.',
    },
  },

  searchLabel: 'Tra cứu công dân',
  searchPlaceholder: 'Họ tên (có dấu hoặc không), ngày sinh, số định danh, số CMND, số điện thoại, số hộ…',
  searchHint: 'Nhấn / hoặc F3 để tìm · ↑↓ để chọn · Enter để mở · Esc để quay lại hoặc xóa',
  searchEmpty: 'Không tìm thấy công dân phù hợp.',
  searchStart: 'Gõ họ tên, ngày sinh hoặc số giấy tờ để tìm trong sổ dân cư của phường.',
  resultsLabel: 'Kết quả tìm kiếm',
  results: (shown: number, total: number, capped: boolean, ms: number) =>
    `${capped ? 'Hơn ' : ''}${total.toLocaleString('vi-VN')} kết quả${shown < total ? ` (hiện ${shown})` : ''} · ${ms < 1 ? '<1' : Math.round(ms)} ms`,
  matched: {
    name: '',
    id_number: 'khớp số định danh',
    old_id: 'khớp số CMND',
    phone: 'khớp số điện thoại',
    household: 'khớp số hộ',
    address: 'khớp địa chỉ',
    group: 'khớp tổ dân phố',
  } satisfies Record<MatchKind, string>,

  back: 'Quay lại',
  recordId: 'Mã bản ghi',
  personal: 'Thông tin cá nhân',
  family: 'Quan hệ gia đình',
  household: 'Hộ gia đình',
  householdNumber: 'Số hồ sơ cư trú',
  noHousehold: 'Công dân chưa thuộc hộ nào trong sổ.',
  deceased: 'Đã chết',
  missing: 'chưa có',
  colName: 'Họ và tên',
  colRelation: 'Quan hệ với chủ hộ',
  colBirth: 'Ngày sinh',
  colSex: 'Giới tính',
  colId: 'Số định danh',
  colGroup: 'Tổ dân phố',
  colHousehold: 'Số hộ',

  field: {
    so_dinh_danh: 'Số định danh cá nhân',
    so_cmnd: 'Số CMND',
    ngay_sinh: 'Ngày sinh',
    gioi_tinh: 'Giới tính',
    ten_goi_khac: 'Tên gọi khác',
    noi_sinh: 'Nơi sinh',
    noi_dang_ky_khai_sinh: 'Nơi đăng ký khai sinh',
    que_quan: 'Quê quán',
    dan_toc: 'Dân tộc',
    ton_giao: 'Tôn giáo',
    quoc_tich: 'Quốc tịch',
    nhom_mau: 'Nhóm máu',
    tinh_trang_hon_nhan: 'Tình trạng hôn nhân',
    noi_thuong_tru: 'Nơi thường trú',
    noi_tam_tru: 'Nơi tạm trú',
    noi_o_hien_tai: 'Nơi ở hiện tại',
    to_dan_pho: 'Tổ dân phố',
    so_dien_thoai: 'Số điện thoại',
    email: 'Email',
    ngay_chet: 'Ngày chết',
    ho_ten_cha: 'Họ tên cha',
    ho_ten_me: 'Họ tên mẹ',
    ho_ten_vo_chong: 'Họ tên vợ/chồng',
  },
} as const;
