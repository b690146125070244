// Counters and gauges in the Prometheus text exposition format (version 0.0.4), without a client library.

export type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

/** A snapshot that other processes (workers) can hand over, to be summed into one exposition. */
export type MetricsSnapshot = Record<string, Array<{ labels: Labels; value: number }>>;

function labelKey(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  return keys.length ? `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`).join(',')}}` : '';
}

export class Metrics {
  private readonly families = new Map<string, Family>();

  /** Declares a metric; declaring the same name again returns without change. */
  define(name: string, type: Family['type'], help: string): void {
    if (!this.families.has(name)) this.families.set(name, { name, help, type, values: new Map() });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const entry = this.entry(name, labels);
    entry.value += by;
  }

  set(name: string, value: number, labels: Labels = {}): void {
    this.entry(name, labels).value = value;
  }

  get(name: string, labels: Labels = {}): number {
    return this.family(name).values.get(labelKey(labels))?.value ?? 0;
  }

  snapshot(): MetricsSnapshot {
    const out: MetricsSnapshot = {};
    for (const family of this.families.values()) {
      out[family.name] = [...family.values.values()].map((v) => ({ labels: { ...v.labels }, value: v.value }));
    }
    return out;
  }

  /** Adds another process's counters into this registry's (only for names declared here). */
  merge(snapshot: MetricsSnapshot): void {
    for (const [name, values] of Object.entries(snapshot)) {
      if (!this.families.has(name)) continue;
      for (const v of values) this.inc(name, v.labels, v.value);
    }
  }

  render(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) {
      lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
      for (const { labels, value } of family.values.values()) lines.push(`${family.name}${formatLabels(labels)} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private family(name: string): Family {
    const family = this.families.get(name);
    if (!family) throw new Error(`metric ${name} is not defined`);
    return family;
  }

  private entry(name: string, labels: Labels): { labels: Labels; value: number } {
    const values = this.family(name).values;
    const key = labelKey(labels);
    let entry = values.get(key);
    if (!entry) {
      entry = { labels: { ...labels }, value: 0 };
      values.set(key, entry);
    }
    return entry;
  }
}
