// Vietnamese messages for every error code the backend can send. Keyed by the generated
// ErrorCode type, so a new code fails the type check until it has a message here.
import type { ErrorCode } from './bindings/ErrorCode';

export const errorMessagesVi: Record<ErrorCode, string> = {
  not_found: 'Không tìm thấy hồ sơ này. Có thể hồ sơ đã được gộp hoặc xóa; hãy tìm lại.',
  database: 'Không đọc được sổ dân cư trên máy. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.',
  register_not_ready: 'Sổ dân cư chưa sẵn sàng. Hãy chờ trong giây lát rồi thử lại.',
  schema_too_new: 'Sổ dân cư này được tạo bởi phiên bản MotCua mới hơn. Hãy cập nhật phần mềm để mở.',
  register_locked: 'Sổ dân cư của phường được mã hóa. Hãy đăng nhập bằng tài khoản cán bộ để mở.',
  wrong_password:
    'Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra bộ gõ tiếng Việt và phím Caps Lock rồi thử lại.',
  keyring_missing:
    'Thiếu tệp khóa (.keys) đi kèm sổ dân cư nên không mở được sổ. Hãy chép lại tệp này từ bản sao lưu cùng với sổ.',
  account_disabled: 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị phường.',
  forbidden: 'Vai trò của tài khoản này không được phép làm việc này. Hãy nhờ cán bộ có thẩm quyền.',
  invalid_account:
    'Thông tin tài khoản chưa hợp lệ: tên đăng nhập gồm chữ thường không dấu, số, dấu chấm (3–32 ký tự), mật khẩu từ 8 ký tự, mã PIN từ 4 đến 8 chữ số.',
  stale_edit: 'Hồ sơ vừa được thay đổi ở nơi khác kể từ khi mở. Hãy mở lại hồ sơ để xem giá trị mới rồi sửa lại.',
  invalid_edit: 'Không sửa được trường này với giá trị đã nhập. Hãy kiểm tra lại giá trị.',
  device_unknown: 'Máy chủ phường không nhận ra máy này. Hãy nhờ quản trị phường cấp mã đăng ký thiết bị mới.',
  device_revoked:
    'Máy này đã bị quản trị phường thu hồi, nên sổ dân cư của phường trên máy đã được xóa. Hãy liên hệ quản trị phường nếu cần đăng ký lại.',
  enroll_failed:
    'Không đăng ký được với máy chủ phường. Hãy kiểm tra địa chỉ máy chủ, mã đăng ký (mỗi mã dùng một lần) và dấu vân tay chứng chỉ do quản trị phường cung cấp.',
  wrong_pin: 'Mã PIN không đúng. Sai quá 3 lần sẽ phải đăng nhập lại bằng mật khẩu.',
  pin_exhausted: 'Đã nhập sai mã PIN 3 lần. Hãy đăng nhập lại bằng mật khẩu.',
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
  review_refused: 'Sổ dân cư không nhận bước xử lý này cho phát hiện đang chọn.',
  export_failed:
    'Không ghi được tệp danh sách phát hiện. Hãy kiểm tra thư mục đã chọn còn chỗ trống, có quyền ghi và tệp không đang mở trong Excel.',
  application_refused: 'Sổ dân cư chưa nhận bước này của hồ sơ. Lý do:',
  catalog_unreadable: 'Không đọc được tệp danh mục thủ tục. Hãy kiểm tra đường dẫn và tệp có đúng dạng TOML (UTF-8) không:',
  catalog_invalid: 'Danh mục thủ tục không được nạp. Hãy sửa tệp theo từng lý do dưới đây rồi nạp lại:',
  print_failed:
    'Không ghi được tệp bản in vào thư mục dữ liệu của phần mềm. Hãy kiểm tra ổ đĩa còn chỗ trống và tệp PDF cũ không đang mở.',
  scan_folder_unreadable: 'Không đọc được thư mục ảnh của máy quét. Hãy kiểm tra đường dẫn trong Cài đặt và máy quét đã được cắm:',
  invalid_range: 'Không tính được số liệu với lựa chọn này. Lý do:',
  ward_figures_unavailable: 'Chưa lấy được số liệu toàn phường: máy này chưa đăng ký với máy chủ phường, hoặc máy chủ không trả lời. Số liệu của máy này vẫn xem được.',
  internal: 'Có lỗi không mong muốn trong phần mềm. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.',
};

/** A code this version does not know, named so support can find it. */
export const unknownCodeVi = (code: string) => `Có lỗi không xác định (mã: ${code}). Hãy báo cán bộ kỹ thuật.`;
