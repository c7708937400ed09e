/**
 * The closed error catalogue: every error a client can see has a stable code, an HTTP status
 * and a message in Vietnamese and English. One handler (app.ts) shapes them.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  BAD_JSON: { status: 400, vi: 'Nội dung JSON không đọc được.', en: 'The JSON body cannot be parsed.' },
  UNAUTHENTICATED: {
    status: 401,
    vi: 'Cần đăng nhập hoặc mã truy cập (token) hợp lệ.',
    en: 'Sign-in or a valid access token is required.',
  },
  LOGIN_FAILED: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện việc này.', en: 'You are not allowed to do this.' },
  CSRF_INVALID: {
    status: 403,
    vi: 'Phiên biểu mẫu đã hết hạn, vui lòng tải lại trang và thử lại.',
    en: 'The form has expired; reload the page and try again.',
  },
  NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy trang hoặc dữ liệu yêu cầu.',
    en: 'The page or resource was not found.',
  },
  CENTER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy Trung tâm với mã này.', en: 'No centre has this slug.' },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy người dùng.', en: 'User not found.' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
  CONFLICT: {
    status: 409,
    vi: 'Dữ liệu đã tồn tại hoặc vừa bị thay đổi.',
    en: 'The data already exists or was just changed.',
  },
  SLUG_TAKEN: {
    status: 409,
    vi: 'Mã đường dẫn này đã được một trung tâm khác dùng.',
    en: 'Another centre already uses this slug.',
  },
  AGENCY_CODE_TAKEN: {
    status: 409,
    vi: 'Mã cơ quan này đã được một trung tâm khác dùng (mã hồ sơ bắt đầu bằng mã cơ quan).',
    en: 'Another centre already uses this agency code (dossier codes start with it).',
  },
  UNPROCESSABLE: {
    status: 422,
    vi: 'Yêu cầu không thể thực hiện với dữ liệu hiện có của hồ sơ.',
    en: 'The request cannot be carried out with what the record holds.',
  },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã được sử dụng.', en: 'This username is already taken.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Định dạng dữ liệu không được hỗ trợ.', en: 'Unsupported content type.' },
  RANGE_TOO_LARGE: { status: 400, vi: 'Khoảng thời gian yêu cầu quá dài.', en: 'The requested range is too long.' },
  RATE_LIMITED: {
    status: 429,
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.',
    en: 'Too many requests; try again in a few minutes.',
  },
  BUSY: {
    status: 429,
    vi: 'Hệ thống đang bận xử lý các báo cáo, tệp xuất khác; vui lòng thử lại sau ít phút.',
    en: 'The server is busy with other reports and exports; try again in a few minutes.',
  },
  INTERNAL: {
    status: 500,
    vi: 'Đã có lỗi ngoài ý muốn. Vui lòng thử lại; nếu vẫn lỗi, báo mã tra cứu cho quản trị.',
    en: 'Something went wrong. Try again; if it persists, give the reference to the administrator.',
  },
  SIGNER_NOT_CONFIGURED: {
    status: 409,
    vi: 'Thiết bị hoặc dịch vụ ký số này chưa được cấu hình trên máy chủ.',
    en: 'This signing device or service is not configured on the server.',
  },
  SIGNING_FAILED: {
    status: 502,
    vi: 'Không ký số được văn bản.',
    en: 'The document could not be signed.',
  },
  UNAVAILABLE: { status: 503, vi: 'Hệ thống tạm thời chưa sẵn sàng.', en: 'The service is temporarily unavailable.' },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  field?: string;
  vi: string;
  en: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, details: ErrorDetail[] = [], opts?: { cause?: unknown }) {
    super(`${code}: ${ERRORS[code].en}${details.length ? ' ' + details.map((d) => d.en).join('; ') : ''}`, opts);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

export function invalid(field: string, vi: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', [{ field, vi, en }]);
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    messageVi: string;
    messageEn: string;
    details?: { field?: string; message: string; messageVi: string; messageEn: string }[];
    requestId: string;
  };
}

export function errorBody(err: AppError, lang: 'vi' | 'en', requestId: string): ErrorBody {
  const e = ERRORS[err.code];
  return {
    error: {
      code: err.code,
      message: e[lang],
      messageVi: e.vi,
      messageEn: e.en,
      ...(err.details.length
        ? {
            details: err.details.map((d) => ({
              ...(d.field ? { field: d.field } : {}),
              message: d[lang],
              messageVi: d.vi,
              messageEn: d.en,
            })),
          }
        : {}),
      requestId,
    },
  };
}
