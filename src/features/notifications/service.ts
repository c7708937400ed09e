/**
 * Notification use cases: turning a committed dossier event into outbox messages (inside the
 * caller's transaction), the console's view of the outbox (counts, recent and failed messages,
 * retry now), opt-outs taken at the desk or by the citizen, and delivery receipts from the
 * SMS/Zalo provider.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../core/deps.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { insertAudit } from '../../core/auth/repo.ts';
import { actorId, assertCan, type Actor } from '../../core/auth/access.ts';
import { AppError, invalid } from '../../core/http/errors.ts';
import type { Center } from '../../core/db/schema.ts';
import { phonesOf } from '../centers/index.ts';
import { getCenter, findCenterById } from '../centers/index.ts';
import { dossierByCode, dossierCodesByIds, dossierContacts, type DossierEventMessage } from '../dossiers/index.ts';
import * as repo from './repo.ts';
import { enabledChannels } from './channels.ts';
import {
  channelsFor,
  composeFull,
  composeSms,
  contactsOf,
  isOptOutChannel,
  isOptedOut,
  lookupLink,
  maskRecipient,
  optOutPath,
  parseRecipient,
  planFor,
  type Compose,
  type DossierEventInput,
  type DossierFacts,
  type Kind,
  type NotificationChannel,
  type NotificationStatus,
  type OptOutChannel,
} from './model.ts';

// ---- Enqueue (called by the dossier service inside its transaction) ----

/** What enqueueing needs: `db` may be (and should be) the caller's transaction. */
export type EnqueueDeps = Pick<Deps, 'db' | 'config' | 'now'>;

export interface EnqueueInput {
  centerId: number;
  /** A DossierView (or the same fields) as it stands after the event. */
  dossier: DossierFacts;
  /** The event just appended: its action and its data (reason, before/after, dueAt…). */
  event: DossierEventInput;
  /** Public address for the lookup link; default PUBLIC_URL (no link when neither is set). */
  baseUrl?: string;
  /** Optional, saves a query: the dossier's row id (else looked up by code in the same transaction). */
  dossierId?: number;
  /** Optional, saves a query: the centre row. */
  center?: Center;
}

/**
 * Decides which messages a dossier event produces and queues them — to each contact of the
 * applicant (e-mail; phone for SMS and Zalo), through each configured channel, plus the file
 * channel when it is on — skipping opted-out recipients. Writes with `deps.db`, so when that is
 * the caller's transaction a message exists if and only if the event was committed. Returns
 * the number of messages queued.
 */
export async function enqueueForDossierEvent(deps: EnqueueDeps, input: EnqueueInput): Promise<number> {
  const plan = planFor(input.dossier, input.event);
  if (!plan) return 0;
  const enabled = enabledChannels(deps.config);
  if (!enabled.size) return 0;
  const contacts = contactsOf(input.dossier.applicant);
  if (!contacts.length) return 0;
  const center = input.center ?? (await findCenterById(deps, input.centerId));
  if (!center) throw new AppError('CENTER_NOT_FOUND');
  const optOuts = await repo.optOutsFor(
    deps.db,
    center.id,
    contacts.map((c) => c.value),
  );
  const base = input.baseUrl ?? deps.config.publicUrl ?? null;
  const d = input.dossier;
  const compose: Compose = {
    center: {
      name: center.name,
      shortName: center.short_name,
      address: center.address,
      phone: phonesOf(center)[0]?.number ?? null,
      slug: center.slug,
    },
    dossier: d,
    plan,
    lookupLink: base ? lookupLink(base, center.slug, d.code, d.lookupSecret) : null,
    optOutLink: base ? `${base.replace(/\/+$/, '')}${optOutPath(center.slug)}` : null,
  };
  const full = composeFull(compose);
  const sms = composeSms(compose);
  const dossierId = input.dossierId ?? (await dossierByCode(deps, d.code))?.id ?? null;
  const now = deps.now().toISOString();
  const rows = [];
  for (const contact of contacts) {
    for (const channel of channelsFor(contact.type, enabled)) {
      if (isOptedOut(optOuts, contact.value, channel)) continue;
      const short = channel === 'sms' || (channel === 'file' && contact.type === 'phone');
      rows.push({
        center_id: center.id,
        dossier_id: dossierId,
        kind: plan.kind,
        channel,
        recipient: contact.value,
        subject: full.subject,
        body: short ? sms : full.body,
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        created_at: now,
        sent_at: null,
        delivered_at: null,
        provider_id: null,
      });
    }
  }
  return repo.insertMany(deps.db, rows);
}

/**
 * The subscriber registered with the desk (src/features/index.ts): a dossier event's messages,
 * queued in the event's transaction. Not caught: a failure rolls the dossier action back, so a
 * committed event always has its messages (decision 009).
 */
export async function notifyOnDossierEvent(deps: EnqueueDeps, e: DossierEventMessage): Promise<void> {
  await enqueueForDossierEvent(deps, {
    centerId: e.centerId,
    center: e.center,
    dossierId: e.dossierId,
    dossier: e.dossier,
    event: { action: e.action, data: e.data },
  });
}

// ---- Console ----

export interface NotificationView {
  id: number;
  createdAt: string;
  dossierCode: string | null;
  kind: Kind;
  channel: NotificationChannel;
  recipient: string; // masked
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: string | null;
  /** Failed with no automatic attempt left (only "retry now" sends it again). */
  final: boolean;
  lastError: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
}

type ListedNotification = repo.NotificationRow & { dossier_code: string | null };

/** A centre's recent messages with their dossiers' codes (read through the desk's contract). */
async function listed(deps: Deps, centerId: number, limit: number, status?: string): Promise<ListedNotification[]> {
  const rows = await repo.listRecent(deps.db, centerId, limit, status);
  const codes = await dossierCodesByIds(
    deps,
    rows.map((r) => r.dossier_id).filter((x): x is number => x !== null),
  );
  return rows.map((r) => ({ ...r, dossier_code: r.dossier_id === null ? null : (codes.get(r.dossier_id) ?? null) }));
}

function present(r: ListedNotification): NotificationView {
  return {
    id: r.id,
    createdAt: r.created_at,
    dossierCode: r.dossier_code,
    kind: r.kind as Kind,
    channel: r.channel as NotificationChannel,
    recipient: maskRecipient(r.recipient),
    status: r.status as NotificationStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    final: r.status === 'failed' && r.next_attempt_at === null,
    lastError: r.last_error,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
  };
}

export interface OutboxCounts {
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export interface OptOutView {
  id: number;
  recipient: string;
  channel: OptOutChannel;
  source: string;
  createdAt: string;
}

export interface Overview {
  counts: OutboxCounts;
  failed: NotificationView[];
  recent: NotificationView[];
  optOuts: OptOutView[];
  channels: NotificationChannel[];
  maxAttempts: number;
}

export async function outboxOverview(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  o: { recent?: number; failed?: number } = {},
): Promise<Overview> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'notifications.manage', center.id);
  const counts: OutboxCounts = { queued: 0, sending: 0, sent: 0, delivered: 0, retrying: 0, failed: 0 };
  for (const c of await repo.countsByStatus(deps.db, center.id)) {
    if (c.status === 'failed') counts[c.final ? 'failed' : 'retrying'] += c.n;
    else if (c.status in counts) counts[c.status as keyof OutboxCounts] += c.n;
  }
  const [failed, recent, optOuts] = await Promise.all([
    listed(deps, center.id, Math.min(o.failed ?? 100, 500), 'failed'),
    listed(deps, center.id, Math.min(o.recent ?? 50, 500)),
    repo.listOptOuts(deps.db, center.id),
  ]);
  return {
    counts,
    failed: failed.map(present),
    recent: recent.map(present),
    optOuts: optOuts.map((x) => ({
      id: x.id,
      recipient: maskRecipient(x.recipient),
      channel: x.channel as OptOutChannel,
      source: x.source,
      createdAt: x.created_at,
    })),
    channels: [...enabledChannels(deps.config)],
    maxAttempts: deps.config.notify.maxAttempts,
  };
}

export async function listNotifications(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  f: { status?: string; limit?: number } = {},
): Promise<NotificationView[]> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'notifications.manage', center.id);
  return (await listed(deps, center.id, Math.min(Math.max(f.limit ?? 50, 1), 500), f.status)).map(present);
}

/** "Gửi lại": a failed message is queued again, due now. 409 when it is not failed. */
export async function retryNow(deps: Deps, actor: Actor | null, id: number): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const n = Number.isInteger(id) && id > 0 ? await repo.findById(deps.db, id) : undefined;
  if (!n || (!actor.roles.has(n.center_id) && actor.via !== 'system')) throw new AppError('NOT_FOUND');
  assertCan(actor, 'notifications.manage', n.center_id);
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.requeue(tx, n.id, n.center_id, now)))
      throw new AppError('CONFLICT', [
        { vi: 'Chỉ gửi lại được tin đã lỗi.', en: 'Only a failed message can be sent again.' },
      ]);
    await insertAudit(tx, {
      center_id: n.center_id,
      actor_user_id: actorId(actor),
      action: 'notifications.retry',
      subject: String(n.id),
      detail: JSON.stringify({ channel: n.channel, kind: n.kind, attempts: n.attempts, lastError: n.last_error }),
      at: now,
    });
  });
}

function parseOptOut(input: { recipient?: unknown; channel?: unknown }): { recipient: string; channel: OptOutChannel } {
  const r = parseRecipient(input.recipient);
  if (!r)
    throw invalid(
      'recipient',
      'Nhập số điện thoại (ví dụ 0912 345 678) hoặc địa chỉ thư điện tử.',
      'Enter a phone number (e.g. 0912 345 678) or an e-mail address.',
    );
  const channel = input.channel === undefined || input.channel === '' ? '*' : String(input.channel);
  if (!isOptOutChannel(channel)) throw invalid('channel', 'Kênh không hợp lệ.', 'Invalid channel.');
  return { recipient: r.value, channel };
}

/** Records an opt-out asked for at the desk. Returns false when it was already recorded. */
export async function addOptOut(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  input: { recipient?: unknown; channel?: unknown },
): Promise<boolean> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'notifications.manage', center.id);
  const o = parseOptOut(input);
  const now = deps.now().toISOString();
  return inTransaction(deps.db, async (tx) => {
    const created = await repo.insertOptOut(tx, {
      center_id: center.id,
      recipient: o.recipient,
      channel: o.channel,
      source: 'desk',
      created_at: now,
    });
    if (created)
      await insertAudit(tx, {
        center_id: center.id,
        actor_user_id: actorId(actor),
        action: 'notifications.optout.add',
        subject: maskRecipient(o.recipient),
        detail: JSON.stringify({ channel: o.channel }),
        at: now,
      });
    return created;
  });
}

export async function removeOptOut(deps: Deps, actor: Actor | null, slug: string, id: number): Promise<void> {
  const center = await getCenter(deps, slug);
  assertCan(actor, 'notifications.manage', center.id);
  const now = deps.now().toISOString();
  await inTransaction(deps.db, async (tx) => {
    const o = Number.isInteger(id) && id > 0 ? await repo.findOptOut(tx, center.id, id) : undefined;
    if (!o || !(await repo.deleteOptOut(tx, center.id, id))) throw new AppError('NOT_FOUND');
    await insertAudit(tx, {
      center_id: center.id,
      actor_user_id: actorId(actor),
      action: 'notifications.optout.remove',
      subject: maskRecipient(o.recipient),
      detail: JSON.stringify({ channel: o.channel, source: o.source }),
      at: now,
    });
  });
}

// ---- Public opt-out (no account: the dossier code and its receipt secret are the proof) ----

/** Constant time: both sides hashed, so any input (multi-byte, any length) compares safely. */
function sameText(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(x, y);
}

const NO_MATCH = [
  {
    vi: 'Thông tin không khớp với hồ sơ nào của Trung tâm. Hãy kiểm tra mã hồ sơ, mã tra cứu trên giấy tiếp nhận và số điện thoại hoặc thư điện tử đã khai khi nộp hồ sơ.',
    en: 'This does not match any dossier of the centre. Check the dossier code, the lookup code on the receipt and the phone or e-mail given when applying.',
  },
];

/**
 * A citizen stops all notifications to their phone or e-mail: the contact must be one given on
 * a dossier of this centre (applicant or owner), proven by that dossier's code and receipt
 * secret. Every mismatch answers alike. Returns the masked contact and whether it was new.
 */
export async function publicOptOut(
  deps: Deps,
  slug: string,
  input: { contact?: unknown; code?: unknown; secret?: unknown },
): Promise<{ recipient: string; created: boolean }> {
  const center = await getCenter(deps, slug);
  const r = parseRecipient(input.contact);
  if (!r)
    throw invalid(
      'contact',
      'Nhập số điện thoại (ví dụ 0912 345 678) hoặc địa chỉ thư điện tử.',
      'Enter a phone number (e.g. 0912 345 678) or an e-mail address.',
    );
  const code = typeof input.code === 'string' ? input.code.trim().toUpperCase() : '';
  const secret = typeof input.secret === 'string' ? input.secret.trim().toUpperCase() : '';
  if (!code || !secret)
    throw invalid(
      !code ? 'code' : 'secret',
      'Cần mã hồ sơ và mã tra cứu in trên giấy tiếp nhận.',
      'The dossier code and the lookup code printed on the receipt are required.',
    );
  const d = code.length <= 40 && secret.length <= 16 ? await dossierByCode(deps, code) : undefined;
  const people = d ? dossierContacts(d) : [];
  const known = people.flatMap((p) => contactsOf(p)).some((c) => c.type === r.type && c.value === r.value);
  if (!d || d.center_id !== center.id || !sameText(secret, d.lookup_secret) || !known)
    throw new AppError('NOT_FOUND', NO_MATCH);
  const now = deps.now().toISOString();
  const created = await inTransaction(deps.db, async (tx) => {
    const isNew = await repo.insertOptOut(tx, {
      center_id: center.id,
      recipient: r.value,
      channel: '*',
      source: 'public',
      created_at: now,
    });
    if (isNew)
      await insertAudit(tx, {
        center_id: center.id,
        actor_user_id: null,
        action: 'notifications.optout.public',
        subject: maskRecipient(r.value),
        detail: JSON.stringify({ dossier: d.code }),
        at: now,
      });
    return isNew;
  });
  return { recipient: maskRecipient(r.value), created };
}

// ---- Delivery receipts from the SMS / Zalo provider ----

const FAILED_STATES = new Set(['failed', 'undelivered', 'rejected', 'expired', 'error']);

/**
 * POST /api/v1/notifications/webhook/:provider — the provider reports a message delivered or
 * failed, by its own id (`id`, `messageId`, `providerId`) or by our `reference`. Needs the shared
 * WEBHOOK_SECRET; the endpoint does not exist without one.
 */
export async function deliveryReceipt(
  deps: Deps,
  provider: string,
  secret: unknown,
  body: unknown,
): Promise<{ id: number; status: NotificationStatus }> {
  const expected = deps.config.notify.webhookSecret;
  if (!expected || (provider !== 'sms' && provider !== 'zalo')) throw new AppError('NOT_FOUND');
  if (typeof secret !== 'string' || !sameText(secret, expected)) throw new AppError('UNAUTHENTICATED');
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const idv = b.id ?? b.messageId ?? b.providerId;
  const providerId = typeof idv === 'string' || typeof idv === 'number' ? String(idv).slice(0, 200) : null;
  const ref = typeof b.reference === 'string' || typeof b.reference === 'number' ? Number(b.reference) : NaN;
  const reference = Number.isInteger(ref) && ref > 0 ? ref : null;
  if (!providerId && reference === null)
    throw invalid(
      'id',
      'Cần mã tin của nhà cung cấp (id) hoặc reference.',
      'The provider’s message id (id) or our reference is required.',
    );
  const state = typeof b.status === 'string' ? b.status.trim().toLowerCase() : '';
  const delivered = state === 'delivered' || state === 'delivrd';
  if (!delivered && !FAILED_STATES.has(state))
    throw invalid('status', 'Trạng thái: delivered hoặc failed.', 'status: delivered or failed.');
  const n = await repo.findByProvider(deps.db, provider, providerId, reference);
  if (!n) throw new AppError('NOT_FOUND');
  const error = delivered
    ? null
    : `Nhà cung cấp báo không chuyển được / provider reports not delivered: ${typeof b.error === 'string' ? b.error.slice(0, 300) : state}`;
  if (
    !(await repo.markReceipt(deps.db, n.id, {
      delivered,
      at: deps.now().toISOString(),
      error,
      providerId: n.provider_id ? null : providerId,
    }))
  )
    throw new AppError('CONFLICT');
  return { id: n.id, status: delivered ? 'delivered' : 'failed' };
}

/** How far the outbox is behind: waiting messages and how long the oldest has been due (seconds, 0 when none). */
export async function outboxBacklog(deps: Deps): Promise<{ waiting: number; lagSeconds: number }> {
  const b = await repo.backlog(deps.db);
  const lag = b.oldestDue ? Math.max(0, (deps.now().getTime() - Date.parse(b.oldestDue)) / 1000) : 0;
  return { waiting: b.waiting, lagSeconds: Math.round(lag) };
}

/** Retention (docs/decisions/034): message texts older than `days` are wiped; the delivery record stays. */
export async function wipeOldMessageBodies(deps: Deps, days: number): Promise<number> {
  if (days <= 0) return 0;
  return repo.wipeOldBodies(deps.db, new Date(deps.now().getTime() - days * 86_400_000).toISOString());
}
