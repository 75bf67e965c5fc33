const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 → "1.5 KiB": binary units, at most one decimal, as operators read sizes. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) {
    return '—';
  }
  let i = 0;
  let v = n;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10} ${UNITS[i]}`;
}

/** "2026-11-25 19:09 UTC": unambiguous for operators in any time zone. */
export function formatDateTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) {
    return '—';
  }
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "3 min", "2 h", "5 d": how long ago `ms` was, relative to `now`. */
export function formatAge(ms: number, now = Date.now()): string {
  if (!Number.isFinite(ms) || ms <= 0) {
    return '—';
  }
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) {
    return `${s} s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return `${m} min`;
  }
  const h = Math.floor(m / 60);
  if (h < 48) {
    return `${h} h`;
  }
  return `${Math.floor(h / 24)} d`;
}

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

/** MiB (as compute counts RAM) → "2 GiB". */
export function formatMiB(mib: number): string {
  return formatBytes(mib * 1024 * 1024);
}
