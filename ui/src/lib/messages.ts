// Vietnamese messages for every error code the backend can send. Keyed by the generated
// ErrorCode type, so a new code fails the type check until it has a message here.
import type { ErrorCode } from './bindings/ErrorCode';

export const errorMessages: Record<ErrorCode, string> = {
  not_found: 'Không tìm thấy hồ sơ này. Có thể hồ sơ đã được gộp hoặc xóa; hãy tìm lại.',
  database: 'Không đọc được sổ dân cư trên máy. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.',
  register_not_ready: 'Sổ dân cư chưa sẵn sàng. Hãy chờ trong giây lát rồi thử lại.',
  schema_too_new: 'Sổ dân cư này được tạo bởi phiên bản MotCua mới hơn. Hãy cập nhật phần mềm để mở.',
  internal: 'Có lỗi không mong muốn trong phần mềm. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.',
};

export function messageFor(code: string): string {
  return (errorMessages as Record<string, string>)[code] ?? `Có lỗi không xác định (mã: ${code}). Hãy báo cán bộ kỹ thuật.`;
}
