// Vietnamese messages for every error code the backend can send. Keyed by the generated
// ErrorCode type, so a new code fails the type check until it has a message here.
import type { ErrorCode } from './bindings/ErrorCode';

export const errorMessages: Record<ErrorCode, string> = {
  not_found: 'Không tìm thấy hồ sơ này. Có thể hồ sơ đã được gộp hoặc xóa; hãy tìm lại.',
  database: 'Không đọc được sổ dân cư trên máy. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.',
  register_not_ready: 'Sổ dân cư chưa sẵn sàng. Hãy chờ trong giây lát rồi thử lại.',
  schema_too_new: 'Sổ dân cư này được tạo bởi phiên bản MotCua mới hơn. Hãy cập nhật phần mềm để mở.',
  register_locked:
    'Sổ dân cư này được mã hóa và cần mật khẩu để mở. Ứng dụng chưa hỗ trợ mở sổ mã hóa; hãy dùng công cụ motcua với mật khẩu hoặc báo cán bộ kỹ thuật.',
  wrong_password: 'Mật khẩu không đúng. Hãy kiểm tra bộ gõ tiếng Việt và phím Caps Lock rồi thử lại.',
  locked_out: 'Đã nhập sai mật khẩu quá nhiều lần. Hãy chờ một lúc rồi thử lại; thời gian chờ tăng sau mỗi lần sai tiếp.',
  no_ward_register: 'Phường chưa có sổ dân cư trên máy này. Hãy nhập tệp trích xuất của phường trước.',
  file_unreadable:
    'Không đọc được tệp. Hãy kiểm tra đường dẫn, quyền đọc tệp và tệp có đúng dạng CSV (UTF-8) hoặc Excel (.xlsx) không.',
  file_no_header: 'Tệp trống hoặc không có dòng tiêu đề. Dòng đầu tiên phải là tên các cột theo mẫu trích xuất.',
  file_missing_columns:
    'Tệp thiếu cột bắt buộc: cần có các cột ma_ban_ghi, ho_ten và ngay_sinh ở dòng tiêu đề. Hãy dùng tệp trích xuất đúng mẫu.',
  ward_required: 'Hãy chọn phường, xã của sổ dân cư trước khi nhập lần đầu.',
  unknown_ward: 'Không có phường, xã nào với mã này trong danh mục đơn vị hành chính 2025.',
  import_busy: 'Đang nhập một tệp khác. Hãy chờ việc nhập đó xong.',
  internal: 'Có lỗi không mong muốn trong phần mềm. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.',
};

export function messageFor(code: string): string {
  return (errorMessages as Record<string, string>)[code] ?? `Có lỗi không xác định (mã: ${code}). Hãy báo cán bộ kỹ thuật.`;
}
