// The areas of the mission, in sidebar order. Alt+1..Alt+6 switch between them.
export type AreaId = 'search' | 'review' | 'procedures' | 'stats' | 'sync' | 'settings';

export interface Area {
  id: AreaId;
  label: string;
  built: boolean;
  /** For areas not built yet: what they will do, said plainly. */
  plan: string;
}

export const areas: Area[] = [
  { id: 'search', label: 'Tra cứu', built: true, plan: '' },
  {
    id: 'review',
    label: 'Rà soát dữ liệu',
    built: false,
    plan:
      'Tìm số định danh sai, trường còn thiếu, ngày sinh chưa đầy đủ, hồ sơ trùng lặp và địa chỉ theo đơn vị hành chính cũ; theo dõi từng phát hiện đến khi xử lý xong, theo từng tổ dân phố.',
  },
  {
    id: 'procedures',
    label: 'Thủ tục & VNeID',
    built: false,
    plan:
      'Hướng dẫn công dân đăng ký và kích hoạt tài khoản định danh điện tử mức 2 và nộp trực tuyến các thủ tục thường gặp (khai sinh, khai tử, kết hôn, cư trú, liên thông, lý lịch tư pháp), điền sẵn từ sổ dân cư và in hướng dẫn từng bước.',
  },
  {
    id: 'stats',
    label: 'Thống kê',
    built: false,
    plan:
      'Theo dõi hằng ngày số hồ sơ nộp trực tuyến, số tài khoản kích hoạt so với chỉ tiêu, tiến độ làm sạch dữ liệu và việc quá hạn; biểu đồ trên màn hình, báo cáo Excel và PDF.',
  },
  {
    id: 'sync',
    label: 'Đồng bộ',
    built: false,
    plan:
      'Gửi các chỉnh sửa làm khi không có mạng lên máy chủ của phường khi có kết nối, không mất, không trùng và không ghi đè âm thầm chỉnh sửa của người khác.',
  },
  {
    id: 'settings',
    label: 'Cài đặt',
    built: false,
    plan: 'Tài khoản cán bộ, mã hóa sổ dân cư trên máy, kết nối máy chủ phường và ngôn ngữ giao diện.',
  },
];

export const notBuilt = 'Chức năng này chưa có trong phiên bản hiện tại.';
