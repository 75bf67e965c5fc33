import { Controller, Get, Inject } from '@nestjs/common';
import { Caller, type AuthContext } from '@tinystack/auth';
import { ServicesService } from '../services/services.service.js';
import { projectOf, requireReader } from '../shared/policy.js';
import { isoMicro } from '../shared/time.js';

/** /v2.1/os-availability-zone: every host is in "nova"; the detail (admins) adds "internal". */
@Controller('v2.1/os-availability-zone')
export class AvailabilityZonesRestController {
  constructor(@Inject(ServicesService) private readonly services: ServicesService) {}

  @Get()
  async list(@Caller() caller: AuthContext) {
    requireReader(caller);
    projectOf(caller);
    const computes = await this.services.computeServices();
    if (computes.length === 0) {
      return { availabilityZoneInfo: [] };
    }
    const available = computes.some((s) => !s.disabled && this.services.isUp(s));
    return { availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available }, hosts: null }] };
  }

  @Get('detail')
  async detail(@Caller() caller: AuthContext) {
    const all = await this.services.list(caller, {});
    const zones = new Map<string, Record<string, Record<string, unknown>>>();
    for (const s of all) {
      const zone = s.binary === 'nova-compute' ? 'nova' : 'internal';
      const hosts = zones.get(zone) ?? {};
      hosts[s.host] = {
        ...hosts[s.host],
        [s.binary]: { available: !s.disabled && this.services.isUp(s), active: !s.disabled, updated_at: isoMicro(s.updatedAt) },
      };
      zones.set(zone, hosts);
    }
    return {
      availabilityZoneInfo: [...zones.entries()].map(([zoneName, hosts]) => ({
        zoneName,
        zoneState: { available: zoneName === 'internal' || Object.values(hosts).some((h) => Object.values(h).some((b) => (b as { available: boolean }).available)) },
        hosts,
      })),
    };
  }
}
