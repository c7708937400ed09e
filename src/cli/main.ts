/**
 * The `motcua` command: serve, migrate, demo, user, token, backup, restore.
 * Every failure prints a clear message in Vietnamese and English and exits non-zero.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, ConfigError, type Config } from '../config.ts';
import {
  describeUrl,
  migrateToLatest,
  openDatabase,
  pendingMigrations,
  DatabaseUrlError,
  MigrationError,
} from '../core/db/connect.ts';
import { AppError, ERRORS } from '../core/http/errors.ts';
import { createApiToken, createUser, PROVINCE_ADMIN_ROLE, setPassword } from '../core/auth/service.ts';
import { ROLES } from '../core/auth/roles.ts';
import { getCenter } from '../features/centers/service.ts';
import { loadDemo } from '../features/demo/service.ts';
import { makeDeps, start } from '../main.ts';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SYSTEM_ACTOR } from '../core/auth/access.ts';
import { grantProvinceRole } from '../features/reports/province-officer.ts';
import { buildRollups } from '../features/reports/index.ts';
import { readCatalogFile } from '../features/catalog/import-file.ts';
import { previewImport, publishImport, stageImport } from '../features/catalog/service.ts';
import { formatDiff, progressBar } from './output.ts';
import { blobStoreOf, copyBlobs, diskUploadsDir, DiskBlobStore, sha256Of } from '../core/storage/index.ts';
import { backupSqlite, defaultBackupFile, pruneBackups, restoreSqlite, BackupError } from './backup.ts';
import { centerAdd, centerList, centerSettings, citizenErase, citizenExport, CliInputError } from './province.ts';
import { startSimulator } from '../features/sync/index.ts';

export class UsageError extends Error {}

const HELP = `motcua — Một Cửa Thân Thiện

Cách dùng / Usage: npx motcua <lệnh/command> [tùy chọn/options]

  serve                          Chạy máy chủ / start the server (same as npm start)
  migrate [--status]             Cập nhật cấu trúc CSDL / apply database migrations
  demo                           Nạp Trung tâm mẫu / load the demo centre (if absent)
  user add --center <slug> --username <u> --role <role> [--role <role>…]
           [--full-name "<họ tên>"] --password-stdin
                                 Tạo tài khoản / create a staff account
  user province --username <u> --center <slug> [--center <slug>…]
                                 Giao vai trò theo dõi cấp tỉnh tại các trung tâm /
                                 give a province officer the 'province' role in these centres
  user passwd --username <u> --password-stdin
                                 Đặt lại mật khẩu / reset a password
  token create --username <u> [--name <label>] [--days <n>]
                                 Tạo mã truy cập API / print a new API bearer token
  catalog import <file> --center <slug> [--dry-run] [--partial] [--publish]
                                 Nhập danh mục TTHC (JSON/CSV) thành bản nháp để duyệt /
                                 import a procedure catalogue as a draft for review
                                 (--partial: missing procedures are not abolished;
                                  --publish: publish at once)
  center add --slug <slug> --name "<tên>" --agency-code <mã> --province "<tỉnh>"
           [--short-name …] [--parent-body …] [--address …]
           [--from-catalog <tệp>] [--settings-from <slug>]
                                 Tạo trung tâm (kèm danh mục TTHC, thiết lập mẫu) /
                                 create a centre (with a catalogue, a settings template)
  center list [--json]           Các trung tâm và tình trạng / centres and their health
  center settings <slug> [--set key=value …]
                                 Xem/sửa thiết lập / show or change settings
                                 (sessions=07:30-11:30,13:30-17:00 cutoff=15:00 same-day=2,5
                                  max-reappointments=1 leader-name=… leader-title=… address=… email=…)
  citizen export --id <12 số> [--out <tệp>]
                                 Xuất dữ liệu của một công dân (Luật BVDLCN 91/2025) /
                                 export one citizen's data (PDP Law 91/2025)
  citizen erase --id <12 số> --yes
                                 Xoá thông tin liên hệ, tin nhắn của một công dân (hồ sơ giữ lại) /
                                 erase one citizen's contact data and messages (dossiers stay)
  backup [<file>] [--keep <n>]   Sao lưu SQLite và tệp tải lên khi đang chạy / consistent online copy of the SQLite database and the uploads (<file>.uploads/);
                                 không có <file>: <DATA_DIR>/backups/motcua-<ngày giờ>.sqlite; --keep n: giữ n bản mới nhất /
                                 without <file>: <DATA_DIR>/backups/motcua-<timestamp>.sqlite; --keep n: keep the n newest
  dvcqg-simulator [--port <n>] [--fail-rate <0..1>] [--slow-ms <n>] [--state <file>]
                  [--secret-file <file>] [--submissions <file.json>]
                                 Chạy bản mô phỏng Cổng DVCQG để thử đồng bộ (DVCQG_URL trỏ tới nó) /
                                 run a local simulator of the national portal (point DVCQG_URL at it)
  reports rollup [--center <slug>…] [--rebuild]
                                 Tính sẵn số liệu báo cáo các tháng đã khép lại (báo cáo cũng tự tính khi
                                 mở lần đầu); --rebuild: tính lại tất cả / build the report roll-ups of every
                                 closed month (reports also build them on first read); --rebuild: recompute all
  restore <file> [--force]       Khôi phục từ bản sao lưu / restore a backup (server stopped)
  storage migrate --to s3        Chép tệp tải lên từ <DATA_DIR>/uploads vào bucket S3 (STORAGE=s3, S3_*),
                                 kiểm tra mã băm, chạy lại an toàn / copy the uploads from disk to the
                                 S3 bucket, hashes checked, safe to run again
  storage check                  Đọc lại mọi tệp và kiểm tra mã băm / read every stored file back and check its hash

Vai trò / roles: ${ROLES.join(', ')}, ${PROVINCE_ADMIN_ROLE} (quản trị cấp tỉnh / province administrator)
Cấu hình qua biến môi trường / configuration by environment variables: see README.md.
`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError(
      '--password-stdin: hãy chuyển mật khẩu qua stdin / pipe the password on stdin, e.g. echo "…" | npx motcua …',
    );
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function parse<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function withDeps<T>(config: Config, fn: (deps: ReturnType<typeof makeDeps>) => Promise<T>): Promise<T> {
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database);
    return await fn(makeDeps(config, database));
  } finally {
    await database.close();
  }
}

type Out = (s: string) => void;

/** What a command gets: the configuration, its own arguments (after the command word) and the output. */
interface CommandContext {
  config: Config;
  args: string[];
  out: Out;
}

type Command = (ctx: CommandContext) => Promise<number>;

/** Runs the sub-command named by the first argument, or throws `unknown(sub)` for another word. */
function runSubcommand(
  ctx: CommandContext,
  subs: ReadonlyMap<string, Command>,
  unknown: (sub: string | undefined) => UsageError,
): Promise<number> {
  const [sub, ...more] = ctx.args;
  const command = sub === undefined ? undefined : subs.get(sub);
  if (!command) throw unknown(sub);
  return command({ ...ctx, args: more });
}

function unknownSubcommand(command: string): (sub: string | undefined) => UsageError {
  return (sub) => new UsageError(`Lệnh con không hợp lệ / unknown subcommand: ${command} ${sub ?? ''}`);
}

async function serveCommand({ config, args }: CommandContext): Promise<number> {
  parse(args, {});
  const running = await start(config);
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1; // keep running
}

async function migrateCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, { status: { type: 'boolean' } });
  const database = openDatabase(config.databaseUrl);
  try {
    if (values.status) {
      const p = await pendingMigrations(database);
      out(p.length ? `Chưa chạy / pending: ${p.join(', ')}` : 'Cơ sở dữ liệu đã cập nhật / database is up to date');
    } else {
      const applied = await migrateToLatest(database);
      out(applied.length ? `Đã chạy / applied: ${applied.join(', ')}` : 'Không có migration mới / nothing to apply');
    }
  } finally {
    await database.close();
  }
  return 0;
}

async function demoCommand({ config, args, out }: CommandContext): Promise<number> {
  parse(args, {});
  const r = await withDeps(config, loadDemo);
  out(
    r.loaded
      ? 'Đã nạp Trung tâm mẫu cam-giang / demo centre loaded'
      : 'Trung tâm mẫu đã có sẵn / the demo centre already exists',
  );
  return 0;
}

async function userAddCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, {
    center: { type: 'string' },
    username: { type: 'string' },
    role: { type: 'string', multiple: true },
    'full-name': { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  if (!values.center || !values.username || !values.role?.length)
    throw new UsageError(
      'user add cần --center, --username và ít nhất một --role / needs --center, --username and at least one --role',
    );
  if (!values['password-stdin'])
    throw new UsageError(
      'user add cần --password-stdin (không nhận mật khẩu trên dòng lệnh) / needs --password-stdin (passwords are never taken as arguments)',
    );
  const password = await readStdin();
  const id = await withDeps(config, async (deps) => {
    const center = await getCenter(deps, values.center!);
    return createUser(deps, {
      centerId: center.id,
      username: values.username!,
      fullName: values['full-name'] ?? values.username!,
      roles: values.role!,
      password,
    });
  });
  out(`Đã tạo tài khoản / created user ${values.username} (id ${id})`);
  return 0;
}

async function userProvinceCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, { username: { type: 'string' }, center: { type: 'string', multiple: true } });
  if (!values.username || !values.center?.length)
    throw new UsageError(
      'user province cần --username và ít nhất một --center / needs --username and at least one --center',
    );
  const added = await withDeps(config, async (deps) =>
    grantProvinceRole(deps, SYSTEM_ACTOR, values.username!, values.center!),
  );
  out(`Đã giao vai trò province / granted the province role: ${added} trung tâm mới / new centre(s)`);
  return 0;
}

async function userPasswdCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, { username: { type: 'string' }, 'password-stdin': { type: 'boolean' } });
  if (!values.username || !values['password-stdin'])
    throw new UsageError('user passwd cần --username và --password-stdin / needs --username and --password-stdin');
  const password = await readStdin();
  await withDeps(config, (deps) => setPassword(deps, values.username!, password));
  out(`Đã đổi mật khẩu / password changed for ${values.username}`);
  return 0;
}

const USER_COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['add', userAddCommand],
  ['province', userProvinceCommand],
  ['passwd', userPasswdCommand],
]);

function userCommand(ctx: CommandContext): Promise<number> {
  return runSubcommand(ctx, USER_COMMANDS, unknownSubcommand('user'));
}

async function tokenCreateCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, {
    username: { type: 'string' },
    name: { type: 'string' },
    days: { type: 'string' },
  });
  if (!values.username) throw new UsageError('token create cần --username / needs --username');
  const days = values.days === undefined ? null : Number(values.days);
  if (days !== null && !Number.isInteger(days)) throw new UsageError('--days phải là số nguyên / must be an integer');
  const t = await withDeps(config, (deps) => createApiToken(deps, values.username!, values.name ?? 'cli', days));
  out(t.token);
  return 0;
}

function tokenCommand(ctx: CommandContext): Promise<number> {
  return runSubcommand(ctx, new Map([['create', tokenCreateCommand]]), unknownSubcommand('token'));
}

function readFileOrUsage(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`Không đọc được tệp / cannot read ${file}: ${(e as Error).message}`);
  }
}

async function catalogImportCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values, positionals } = parse(args, {
    center: { type: 'string' },
    'dry-run': { type: 'boolean' },
    partial: { type: 'boolean' },
    publish: { type: 'boolean' },
  });
  if (positionals.length !== 1 || !values.center)
    throw new UsageError('catalog import cần <tệp> và --center <slug> / needs <file> and --center <slug>');
  const file = positionals[0]!;
  const center = values.center;
  const content = readFileOrUsage(file);
  const bar = progressBar('Kiểm tra / validating');
  const { format, procedures } = readCatalogFile(file, content, bar);
  out(`Đọc được / read ${procedures.length} thủ tục (${format.toUpperCase()}) từ ${file}`);
  const input = { sourceName: basename(file), format, procedures, full: !values.partial };
  await withDeps(config, async (deps) => {
    if (values['dry-run']) {
      const r = await previewImport(deps, SYSTEM_ACTOR, center, input);
      out(formatDiff(r.items, r.summary));
      out('Chạy thử, chưa ghi gì / dry run, nothing written');
      return;
    }
    const r = await stageImport(deps, SYSTEM_ACTOR, center, input);
    out(formatDiff(r.items, r.summary));
    if (values.publish) {
      const p = await publishImport(deps, SYSTEM_ACTOR, center, r.importId);
      out(`Đã công bố / published ${p.published} thay đổi (bản nhập / import #${r.importId})`);
    } else {
      out(
        `Bản nháp / draft #${r.importId} — duyệt và công bố tại / review and publish at: /console/catalog/imports/${r.importId}`,
      );
    }
  });
  return 0;
}

function catalogCommand(ctx: CommandContext): Promise<number> {
  return runSubcommand(ctx, new Map([['import', catalogImportCommand]]), unknownSubcommand('catalog'));
}

/** A numeric option in [min, max], or `dflt` when absent. */
function numberOption(v: string | undefined, name: string, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} phải là số từ ${min} đến ${max} / must be a number from ${min} to ${max}`);
  return n;
}

function readSecretFile(file: string | undefined): string | null {
  if (!file) return null;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new UsageError(`Không đọc được tệp / cannot read ${file}: ${(e as Error).message}`);
  }
}

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

/** Loads `--submissions <file.json>` into the running simulator; stops it before a usage error. */
async function addSimulatorSubmissions(sim: Simulator, file: string): Promise<void> {
  let parsed: { MaDonVi?: unknown; HoSo?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch (e) {
    await sim.stop();
    throw new UsageError(`Không đọc được tệp / cannot read ${file}: ${(e as Error).message}`);
  }
  if (typeof parsed.MaDonVi !== 'string' || !Array.isArray(parsed.HoSo)) {
    await sim.stop();
    throw new UsageError('--submissions: tệp cần { "MaDonVi": "…", "HoSo": [...] } / the file needs { MaDonVi, HoSo }');
  }
  sim.addSubmissions(parsed.MaDonVi, parsed.HoSo as Record<string, unknown>[]);
}

async function dvcqgSimulatorCommand({ args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'fail-rate': { type: 'string' },
    'slow-ms': { type: 'string' },
    state: { type: 'string' },
    'secret-file': { type: 'string' },
    submissions: { type: 'string' },
  });
  const secret = readSecretFile(values['secret-file']);
  const sim = await startSimulator({
    port: numberOption(values.port, 'port', 0, 65535, 8090),
    host: values.host ?? '127.0.0.1',
    failRate: numberOption(values['fail-rate'], 'fail-rate', 0, 1, 0),
    slowMs: numberOption(values['slow-ms'], 'slow-ms', 0, 600000, 0),
    stateFile: values.state ?? null,
    secret,
  });
  if (values.submissions) await addSimulatorSubmissions(sim, values.submissions);
  out(`Mô phỏng Cổng DVCQG / portal simulator: ${sim.url}  (DVCQG_URL=${sim.url})`);
  out(`  Đã nhận / received: ${sim.received().length} tin; xem / see ${sim.url}/_sim/received`);
  out('  Dừng / Stop: Ctrl+C');
  const stop = async () => {
    await sim.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => {
    void stop();
  });
  process.once('SIGTERM', () => {
    void stop();
  });
  return -1;
}

async function storageMigrateCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, { to: { type: 'string' } });
  if (values.to !== 's3') throw new UsageError('storage migrate --to s3');
  if (config.storage.kind !== 's3')
    throw new UsageError('Đặt STORAGE=s3 và S3_BUCKET trước / set STORAGE=s3 and S3_BUCKET first');
  const from = new DiskBlobStore(diskUploadsDir(config));
  const to = blobStoreOf(config);
  const r = await copyBlobs(from, to);
  out(`Đã chép / copied ${r.copied}, đã có / already there ${r.present}: ${from.describe()} → ${to.describe()}`);
  if (r.damaged.length) {
    out(`Tệp hỏng, không chép / damaged files, not copied: ${r.damaged.join(', ')}`);
    return 1;
  }
  return 0;
}

async function storageCheckCommand({ config, out }: CommandContext): Promise<number> {
  const store = blobStoreOf(config);
  let ok = 0;
  const bad: string[] = [];
  for await (const key of store.keys()) {
    if (sha256Of(await store.read(key)) === key.slice(3)) ok++;
    else bad.push(key);
  }
  out(
    `${store.describe()}: ${ok} tệp đúng / files match their hash${bad.length ? `; hỏng / damaged: ${bad.join(', ')}` : ''}`,
  );
  return bad.length ? 1 : 0;
}

const STORAGE_COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['migrate', storageMigrateCommand],
  ['check', storageCheckCommand],
]);

function storageCommand(ctx: CommandContext): Promise<number> {
  return runSubcommand(ctx, STORAGE_COMMANDS, () => new UsageError('storage migrate --to s3 | storage check'));
}

async function backupCommand({ config, args, out }: CommandContext): Promise<number> {
  const { positionals, values } = parse(args, { keep: { type: 'string' } });
  if (positionals.length > 1)
    throw new UsageError('backup nhận nhiều nhất một đường dẫn tệp / takes at most one file path');
  const keep = values.keep === undefined ? null : Number(values.keep);
  if (keep !== null && (!Number.isInteger(keep) || keep < 1 || keep > 1000))
    throw new UsageError('--keep là số bản giữ lại, từ 1 đến 1000 / the number of backups to keep, 1 to 1000');
  const target = positionals[0] ?? defaultBackupFile(config, new Date());
  const r = await backupSqlite(config, target);
  out(
    `Đã sao lưu / backed up ${describeUrl(config.databaseUrl)} → ${r.file} (${r.bytes} bytes); tệp tải lên / uploads: ${r.uploads} → ${r.file}.uploads/`,
  );
  if (keep !== null) {
    const removed = pruneBackups(r.file, keep);
    out(
      `Giữ / kept ${keep} bản mới nhất / newest; đã xoá / removed ${removed.length}${removed.length ? ': ' + removed.join(', ') : ''}`,
    );
  }
  return 0;
}

function reportsRollupCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, { center: { type: 'string', multiple: true }, rebuild: { type: 'boolean' } });
  return withDeps(config, async (deps) => {
    const ids = values.center
      ? await Promise.all(values.center.map(async (s) => (await getCenter(deps, s)).id))
      : undefined;
    const r = await buildRollups(deps, {
      ...(ids ? { centerIds: ids } : {}),
      rebuild: values.rebuild === true,
      progress: (m) => {
        out(`  ${m}`);
      },
    });
    out(`Đã tính sẵn / built: ${r.months} tháng / months × ${r.centres} trung tâm / centres`);
    return 0;
  });
}

function reportsCommand(ctx: CommandContext): Promise<number> {
  return runSubcommand(
    ctx,
    new Map([['rollup', reportsRollupCommand]]),
    () => new UsageError('reports rollup [--center <slug>…] [--rebuild]'),
  );
}

async function centerAddCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, {
    slug: { type: 'string' },
    name: { type: 'string' },
    'agency-code': { type: 'string' },
    province: { type: 'string' },
    'short-name': { type: 'string' },
    'parent-body': { type: 'string' },
    address: { type: 'string' },
    'from-catalog': { type: 'string' },
    'settings-from': { type: 'string' },
  });
  if (!values.slug || !values.name || !values['agency-code'] || !values.province)
    throw new UsageError(
      'center add cần --slug, --name, --agency-code và --province / needs --slug, --name, --agency-code and --province',
    );
  const o = {
    slug: values.slug,
    name: values.name,
    agencyCode: values['agency-code'],
    province: values.province,
    ...(values['short-name'] ? { shortName: values['short-name'] } : {}),
    ...(values['parent-body'] ? { parentBody: values['parent-body'] } : {}),
    ...(values.address ? { address: values.address } : {}),
    ...(values['from-catalog'] ? { fromCatalog: values['from-catalog'] } : {}),
    ...(values['settings-from'] ? { settingsFrom: values['settings-from'] } : {}),
  };
  await withDeps(config, (deps) => centerAdd(deps, o, out));
  return 0;
}

async function centerListCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  await withDeps(config, (deps) => centerList(deps, values.json ?? false, out));
  return 0;
}

async function centerSettingsCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values, positionals } = parse(args, { set: { type: 'string', multiple: true } });
  const [slug] = positionals;
  if (positionals.length !== 1 || !slug) throw new UsageError('center settings cần <slug> / needs <slug>');
  await withDeps(config, (deps) => centerSettings(deps, slug, values.set ?? [], out));
  return 0;
}

const CENTER_COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['add', centerAddCommand],
  ['list', centerListCommand],
  ['settings', centerSettingsCommand],
]);

function centerCommand(ctx: CommandContext): Promise<number> {
  return runSubcommand(ctx, CENTER_COMMANDS, unknownSubcommand('center'));
}

async function citizenExportCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, { id: { type: 'string' }, out: { type: 'string' } });
  const id = values.id;
  if (!id) throw new UsageError('citizen export cần --id <12 số> / needs --id <12 digits>');
  await withDeps(config, (deps) => citizenExport(deps, id, values.out, out));
  return 0;
}

async function citizenEraseCommand({ config, args, out }: CommandContext): Promise<number> {
  const { values } = parse(args, { id: { type: 'string' }, yes: { type: 'boolean' } });
  const id = values.id;
  if (!id) throw new UsageError('citizen erase cần --id <12 số> / needs --id <12 digits>');
  if (!values.yes)
    throw new UsageError(
      'citizen erase không hoàn tác được; thêm --yes để xác nhận / cannot be undone; add --yes to confirm',
    );
  await withDeps(config, (deps) => citizenErase(deps, id, out));
  return 0;
}

const CITIZEN_COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['export', citizenExportCommand],
  ['erase', citizenEraseCommand],
]);

function citizenCommand(ctx: CommandContext): Promise<number> {
  return runSubcommand(ctx, CITIZEN_COMMANDS, unknownSubcommand('citizen'));
}

async function restoreCommand({ config, args, out }: CommandContext): Promise<number> {
  const { positionals, values } = parse(args, { force: { type: 'boolean' } });
  if (positionals.length !== 1)
    throw new UsageError('restore cần đúng một đường dẫn tệp / needs exactly one file path');
  const r = await restoreSqlite(config, positionals[0]!, { force: values.force ?? false });
  out(
    `Đã khôi phục / restored ${r.file}${r.previous ? ` (bản cũ giữ tại / previous copy kept at ${r.previous})` : ''}; tệp tải lên khôi phục / uploads put back: ${r.uploads}`,
  );
  return 0;
}

/** The `motcua <command>` table. */
const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['serve', serveCommand],
  ['migrate', migrateCommand],
  ['demo', demoCommand],
  ['user', userCommand],
  ['token', tokenCommand],
  ['catalog', catalogCommand],
  ['dvcqg-simulator', dvcqgSimulatorCommand],
  ['storage', storageCommand],
  ['backup', backupCommand],
  ['reports', reportsCommand],
  ['center', centerCommand],
  ['citizen', citizenCommand],
  ['restore', restoreCommand],
]);

export async function run(argv: string[], out: Out = (s) => process.stdout.write(s + '\n')): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    out(HELP);
    return 0;
  }
  const config = loadConfig();
  const command = COMMANDS.get(cmd);
  if (!command) throw new UsageError(`Lệnh không hợp lệ / unknown command: ${cmd}. Xem / see: npx motcua --help`);
  return command({ config, args: rest, out });
}

/** Entry used by bin/motcua.mjs. */
export async function main(argv: string[]): Promise<void> {
  try {
    const code = await run(argv);
    if (code >= 0) process.exitCode = code;
  } catch (e) {
    process.exitCode = report(e);
  }
}

export function describeError(e: unknown): { message: string; code: number } {
  if (e instanceof UsageError)
    return { message: `Lỗi cú pháp / usage error: ${e.message}\nXem / see: npx motcua --help`, code: 2 };
  if (e instanceof AppError) {
    const base = ERRORS[e.code];
    const details = e.details.map((d) => `  - ${d.vi}\n    ${d.en}`).join('\n');
    return { message: `Lỗi / error [${e.code}]: ${base.vi}\n  ${base.en}${details ? '\n' + details : ''}`, code: 1 };
  }
  if (
    e instanceof ConfigError ||
    e instanceof DatabaseUrlError ||
    e instanceof MigrationError ||
    e instanceof BackupError ||
    e instanceof CliInputError
  )
    return { message: `Lỗi / error: ${e.message}`, code: 1 };
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ECONNREFUSED')
    return {
      message: `Lỗi / error: không kết nối được cơ sở dữ liệu / cannot connect to the database (${err.message})`,
      code: 1,
    };
  if (err?.code === 'EADDRINUSE')
    return {
      message: `Lỗi / error: cổng đã được dùng / the port is already in use (${err.message}). Đặt PORT khác / set another PORT.`,
      code: 1,
    };
  return { message: `Lỗi ngoài ý muốn / unexpected error: ${err?.message ?? String(e)}`, code: 1 };
}

function report(e: unknown): number {
  const { message, code } = describeError(e);
  process.stderr.write(message + '\n');
  return code;
}
