/**
 * Roles per centre and what each may do. This table and `access.ts` are the only place that
 * decides permissions; features name an action, never a role.
 */
export const ROLES = [
  'admin',
  'director',
  'tthc_controller',
  'receiver',
  'specialist',
  'clerk',
  'accountant',
  'volunteer',
  'province',
] as const;
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
  province: { vi: 'Cán bộ theo dõi cấp tỉnh (chỉ xem báo cáo)', en: 'Province officer (reports only)' },
};

/** Everyone who works in the centre (the province officer only reads reports). */
const STAFF = [
  'admin',
  'director',
  'tthc_controller',
  'receiver',
  'specialist',
  'clerk',
  'accountant',
  'volunteer',
] as const;

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export const ACTIONS = {
  'console.enter': ROLES,
  'center.settings.update': ['admin', 'director'],
  'calendar.view': STAFF,
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
  // DVCQG / provincial sync (issue 14): the console list, health and re-send
  'sync.manage': ['admin', 'director', 'tthc_controller'],
  // Care for citizens (issue 5)
  'letters.manage': ['admin', 'director', 'tthc_controller', 'receiver', 'clerk'],
  'letters.templates': ['admin', 'director'],
  'care.register.read': ['admin', 'director', 'tthc_controller', 'receiver'],
  'care.register.manage': ['admin', 'director', 'tthc_controller', 'receiver'],
  'homeservice.manage': ['admin', 'director', 'tthc_controller', 'receiver'],
  'homeservice.visit': ['admin', 'director', 'tthc_controller', 'receiver', 'specialist'],
  'volunteers.manage': ['admin', 'director', 'tthc_controller'],
  'volunteers.log': ['admin', 'director', 'tthc_controller', 'receiver', 'volunteer'],
  // The centre's floor (issue 6)
  'queue.serve': ['admin', 'director', 'tthc_controller', 'receiver', 'specialist'],
  'queue.manage': ['admin', 'director', 'tthc_controller'],
  'surveys.manage': ['admin', 'director', 'tthc_controller'],
  'surveys.read': ['admin', 'director', 'tthc_controller'],
  'feedback.handle': ['admin', 'director', 'tthc_controller'],
  'obstacles.raise': STAFF,
  'obstacles.read': ['admin', 'director'],
  // Reports and the plan (issue 7)
  'reports.read': ['admin', 'director', 'tthc_controller', 'province'],
  'reports.manage': ['admin', 'director', 'tthc_controller'],
  'reports.province': ['province'],
  'plan.manage': ['admin', 'director', 'tthc_controller'],
  'register.manage': ['admin', 'director', 'clerk'],
  'facilities.manage': ['admin', 'director', 'accountant'],
  // Signatures and certified copies (issue 14)
  'signing.sign': ['admin', 'director', 'specialist'],
  'signing.configure': ['admin', 'director'],
  'certification.issue': ['admin', 'director', 'specialist'],
  'certification.read': ['admin', 'director', 'tthc_controller', 'receiver', 'specialist', 'clerk'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;
