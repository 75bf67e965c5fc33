import { freeRamMb, type AllocationRatios, type HostState } from './host-state.js';

/**
 * Nova's RAMWeigher with a positive multiplier: the host with the most free RAM (after the
 * allocation ratio) wins, which spreads servers. Weights are normalized to [0, 1] as Nova
 * does; ties go to the host with fewer servers, then by name, so the choice is stable.
 */
export function weighByFreeRam(hosts: readonly HostState[], ratios: AllocationRatios): HostState[] {
  const free = hosts.map((h) => freeRamMb(h, ratios));
  const min = Math.min(...free);
  const max = Math.max(...free);
  const weight = (i: number): number => (max === min ? 0 : ((free[i] ?? 0) - min) / (max - min));
  return hosts
    .map((h, i) => ({ h, w: weight(i) }))
    .sort((a, b) => b.w - a.w || a.h.instances - b.h.instances || a.h.host.localeCompare(b.h.host))
    .map((x) => x.h);
}
