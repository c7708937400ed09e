/**
 * Prometheus metrics in the text exposition format (version 0.0.4), without a client library:
 * requests by route and status, a latency histogram, job runs, and gauges read at scrape time
 * (the outbox backlog…) from probes features register. One set per app (per process in
 * production); served at /metrics behind METRICS_TOKEN (core/http/health.ts).
 */

/** Upper bounds of the latency histogram, in seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

/** A value read when Prometheus scrapes (and /readyz checks): name, help, reader. */
export interface Gauge {
  name: string;
  help: string;
  read(): Promise<GaugeSample[]>;
}

/** A readiness condition (/readyz): ok, or a short reason in English (no personal data). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Record<string, string>) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly jobs = new Map<string, number>();
  private readonly gauges = new Map<string, Gauge>();
  private readonly checks = new Map<string, ReadinessCheck>();
  private answered = 0;

  /** Requests answered since start (the idle memory reclaimer watches it change). */
  get requestCount(): number {
    return this.answered;
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.answered++;
    const key = JSON.stringify([method, route, String(status)]);
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hkey = JSON.stringify([method, route]);
    let h = this.latency.get(hkey);
    if (!h) this.latency.set(hkey, (h = { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 }));
    LATENCY_BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.counts[i] = (h.counts[i] ?? 0) + 1;
    });
    h.sum += seconds;
    h.count++;
  }

  jobRun(job: string, ok: boolean): void {
    const key = JSON.stringify([job, ok ? 'ok' : 'error']);
    this.jobs.set(key, (this.jobs.get(key) ?? 0) + 1);
  }

  /** Registers (or replaces) a gauge read at scrape time. */
  gauge(g: Gauge): void {
    this.gauges.set(g.name, g);
  }

  /** Registers (or replaces) a readiness condition for /readyz. */
  readiness(c: ReadinessCheck): void {
    this.checks.set(c.name, c);
  }

  readinessChecks(): ReadinessCheck[] {
    return [...this.checks.values()];
  }

  async render(): Promise<string> {
    const out: string[] = [];
    out.push('# HELP motcua_http_requests_total HTTP requests by method, route pattern and status.');
    out.push('# TYPE motcua_http_requests_total counter');
    for (const [k, n] of this.requests) {
      const [method = '', route = '', status = ''] = JSON.parse(k) as string[];
      out.push(`motcua_http_requests_total${labelText({ method, route, status })} ${n}`);
    }
    out.push('# HELP motcua_http_request_duration_seconds Time to answer a request, by method and route pattern.');
    out.push('# TYPE motcua_http_request_duration_seconds histogram');
    for (const [k, h] of this.latency) {
      const [method = '', route = ''] = JSON.parse(k) as string[];
      LATENCY_BUCKETS.forEach((b, i) => {
        out.push(
          `motcua_http_request_duration_seconds_bucket${labelText({ method, route, le: String(b) })} ${h.counts[i] ?? 0}`,
        );
      });
      out.push(`motcua_http_request_duration_seconds_bucket${labelText({ method, route, le: '+Inf' })} ${h.count}`);
      out.push(`motcua_http_request_duration_seconds_sum${labelText({ method, route })} ${h.sum}`);
      out.push(`motcua_http_request_duration_seconds_count${labelText({ method, route })} ${h.count}`);
    }
    out.push('# HELP motcua_job_runs_total Background job passes by job and outcome.');
    out.push('# TYPE motcua_job_runs_total counter');
    for (const [k, n] of this.jobs) {
      const [job = '', outcome = ''] = JSON.parse(k) as string[];
      out.push(`motcua_job_runs_total${labelText({ job, outcome })} ${n}`);
    }
    for (const g of this.gauges.values()) {
      let samples: GaugeSample[];
      try {
        samples = await g.read();
      } catch {
        continue; // an unreadable gauge is left out; /readyz says why
      }
      out.push(`# HELP ${g.name} ${g.help}`);
      out.push(`# TYPE ${g.name} gauge`);
      for (const s of samples) out.push(`${g.name}${labelText(s.labels ?? {})} ${s.value}`);
    }
    return out.join('\n') + '\n';
  }
}
