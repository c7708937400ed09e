/**
 * Roles per centre and what each may do. This table and `access.ts` are the only place that
 * decides permissions; features name an action, never a role.
 */
export const ROLES = ['admin', 'director', 'tthc_controller', 'receiver', 'specialist', 'clerk', 'accountant', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  director: { vi: 'Giám đốc / Lãnh đạo Trung tâm', en: 'Director' },
  tthc_controller: { vi: 'Công chức kiểm soát TTHC', en: 'TTHC controller' },
  receiver: { vi: 'Công chức tiếp nhận và trả kết quả', en: 'Receiving officer' },
  specialist: { vi: 'Công chức chuyên môn', en: 'Specialist' },
  clerk: { vi: 'Văn thư', en: 'Clerk' },
  accountant: { vi: 'Kế toán', en: 'Accountant' },
  volunteer: { vi: 'Tình nguyện viên', en: 'Volunteer' },
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export const ACTIONS = {
  'console.enter': ROLES,
  'center.settings.update': ['admin', 'director'],
  'calendar.view': ROLES,
  'calendar.notice.write': ['admin', 'director', 'tthc_controller'],
  'calendar.year.confirm': ['admin', 'director'],
  'users.manage': ['admin'],
  'catalog.manage': ['admin', 'director', 'tthc_controller'],
  'catalog.publish': ['admin', 'director', 'tthc_controller'],
  'directory.manage': ['admin', 'director', 'tthc_controller'],
  'commitments.manage': ['admin', 'director', 'tthc_controller'],
  'dossier.read': ['admin', 'director', 'tthc_controller', 'receiver', 'specialist', 'clerk', 'accountant'],
  'dossier.intake': ['admin', 'director', 'tthc_controller', 'receiver'],
  'dossier.backdate': ['admin'],
  'dossier.process': ['admin', 'director', 'tthc_controller', 'receiver', 'specialist'],
  'dossier.return': ['admin', 'director', 'receiver'],
  'dossier.stop': ['admin', 'director', 'specialist'],
  'dossier.extend': ['admin', 'director'],
  'audit.read': ['admin', 'director'],
  'notifications.manage': ['admin', 'director', 'tthc_controller'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;
