/**
 * `motcua center …` (a province's centres) and `motcua citizen …` (data-subject requests): the
 * machine's administrator acts as the system actor; every change is audited by the services.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SYSTEM_ACTOR } from '../core/auth/access.ts';
import type { Deps } from '../core/deps.ts';
import { readCatalogFile } from '../features/catalog/index.ts';
import { settingsOf } from '../features/centers/model.ts';
import {
  addCenter,
  centersHealth,
  copySettings,
  importCatalogInto,
  type CenterHealth,
} from '../features/centers/province.ts';
import { getCenter, updateSettings, type SettingsInput } from '../features/centers/service.ts';
import { eraseCitizen, exportCitizen } from '../features/privacy/index.ts';

export class CliInputError extends Error {}

function readCatalog(file: string) {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (e) {
    throw new CliInputError(`Không đọc được tệp / cannot read ${file}: ${(e as Error).message}`);
  }
  return readCatalogFile(file, content);
}

export interface CenterAddOptions {
  slug: string;
  name: string;
  agencyCode: string;
  province: string;
  shortName?: string;
  parentBody?: string;
  address?: string;
  fromCatalog?: string;
  settingsFrom?: string;
}

export async function centerAdd(deps: Deps, o: CenterAddOptions, out: (s: string) => void): Promise<void> {
  // Read the catalogue first: a bad file must not leave a half-made centre behind.
  const catalog = o.fromCatalog ? readCatalog(o.fromCatalog) : null;
  if (o.settingsFrom) await getCenter(deps, o.settingsFrom);
  const c = await addCenter(deps, SYSTEM_ACTOR, o);
  out(`Đã tạo trung tâm / centre created: ${c.slug} (id ${c.id})`);
  if (catalog && o.fromCatalog) {
    const n = await importCatalogInto(deps, SYSTEM_ACTOR, c.slug, basename(o.fromCatalog), catalog.procedures);
    out(`Đã nhập và công bố / imported and published ${n} thủ tục / procedures`);
  }
  if (o.settingsFrom) {
    await copySettings(deps, SYSTEM_ACTOR, o.settingsFrom, [c.slug]);
    out(`Đã chép thiết lập từ / settings copied from ${o.settingsFrom}`);
  }
  out(
    `Tạo tài khoản quản trị / add its administrator: npx motcua user add --center ${c.slug} --username … --role admin --password-stdin`,
  );
}

export function formatHealth(rows: CenterHealth[]): string {
  const head = [
    'slug',
    'mã cơ quan/agency',
    'hồ sơ/dossiers',
    'đang xử lý/open',
    'cán bộ/staff',
    'chờ gửi/outbox',
    'hoạt động/last activity',
    'tên/name',
  ];
  const body = rows.map((r) => [
    r.slug,
    r.agencyCode,
    String(r.dossiers),
    String(r.open),
    String(r.staff),
    String(r.outboxWaiting),
    r.lastActivity ? r.lastActivity.slice(0, 16).replace('T', ' ') + 'Z' : '—',
    r.name,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

export async function centerList(deps: Deps, json: boolean, out: (s: string) => void): Promise<void> {
  const rows = await centersHealth(deps, SYSTEM_ACTOR);
  out(json ? JSON.stringify(rows, null, 2) : formatHealth(rows));
}

const SETTING_KEYS = [
  'sessions',
  'cutoff',
  'same-day',
  'max-reappointments',
  'leader-name',
  'leader-title',
  'address',
  'email',
] as const;

/** `--set key=value` pairs into the settings service's input (values validated there). */
export function parseSettings(pairs: string[]): SettingsInput {
  const input: SettingsInput = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    const key = i > 0 ? p.slice(0, i) : p;
    const value = i > 0 ? p.slice(i + 1) : '';
    switch (key) {
      case 'sessions':
        // 07:30-11:30,13:30-17:00
        input.sessions = value.split(',').map((s) => {
          const [start = '', end = ''] = s.split('-').map((x) => x.trim());
          return { start, end };
        });
        break;
      case 'cutoff':
        input.cutoff = value;
        break;
      case 'same-day':
        input.sameDayWeekdays = value ? value.split(',').map((d) => Number(d.trim())) : [];
        break;
      case 'max-reappointments':
        input.maxReappointments = value;
        break;
      case 'leader-name':
        input.leaderName = value;
        break;
      case 'leader-title':
        input.leaderTitle = value;
        break;
      case 'address':
        input.address = value;
        break;
      case 'email':
        input.email = value;
        break;
      default:
        throw new CliInputError(
          `Thiết lập không hợp lệ / unknown setting: ${key}. Dùng / use: ${SETTING_KEYS.join(', ')} (--set key=value)`,
        );
    }
  }
  return input;
}

export async function centerSettings(deps: Deps, slug: string, pairs: string[], out: (s: string) => void) {
  if (pairs.length) await updateSettings(deps, SYSTEM_ACTOR, slug, parseSettings(pairs));
  const c = await getCenter(deps, slug);
  const s = settingsOf(c);
  out(
    [
      `${c.slug} — ${c.name} (${c.agency_code}, ${c.province})`,
      `sessions=${s.sessions.map((x) => `${x.start}-${x.end}`).join(',')}`,
      `cutoff=${s.cutoff}`,
      `same-day=${s.sameDayWeekdays.join(',')}`,
      `max-reappointments=${s.maxReappointments}`,
      `leader-name=${c.leader_name ?? ''}`,
      `leader-title=${c.leader_title ?? ''}`,
      `address=${c.address}`,
      `email=${c.email ?? ''}`,
    ].join('\n'),
  );
}

export async function citizenExport(deps: Deps, id: string, file: string | undefined, out: (s: string) => void) {
  const doc = await exportCitizen(deps, id);
  const text = JSON.stringify(doc, null, 2);
  if (file) {
    writeFileSync(file, text + '\n', { flag: 'wx', mode: 0o600 });
    out(
      `Đã xuất / exported ${doc.dossiers.length} hồ sơ / dossiers, ${doc.messages.length} tin nhắn / messages → ${file}`,
    );
  } else out(text);
}

export async function citizenErase(deps: Deps, id: string, out: (s: string) => void) {
  const r = await eraseCitizen(deps, id);
  out(
    `Đã xoá thông tin liên hệ trong / contact details erased from ${r.dossiers} hồ sơ / dossiers; ` +
      `${r.messagesWiped} tin nhắn / messages wiped; ${r.attachmentsUnlinked} tệp bỏ liên kết / attachments unlinked. ` +
      'Họ tên, số định danh, địa chỉ trong hồ sơ được giữ (hồ sơ lưu trữ) / name, ID and address stay in the dossiers (archival records).',
  );
}
