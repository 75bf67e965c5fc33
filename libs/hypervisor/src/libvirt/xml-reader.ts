import { create } from 'xmlbuilder2';
import { INSTANCE_XMLNS } from './domain-xml.js';

/** Reading the XML libvirt gives back (capabilities, a domain's metadata) through a DOM. */

/** The slice of the DOM (xmlbuilder2's @oozcitak/dom) we read with. */
interface Element {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<Element>;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<Element>;
}

function first(el: Element, name: string): Element | undefined {
  return Array.from(el.getElementsByTagName(name))[0];
}

function parse(xml: string): Element {
  return create(xml).root().node as unknown as Element;
}

/** The display name in our instance metadata, or '' when the domain has none. */
export function instanceNameOf(domainXml: string): string {
  const el = Array.from(parse(domainXml).getElementsByTagNameNS(INSTANCE_XMLNS, 'name'))[0];
  return el?.textContent ?? '';
}

/** The owner recorded in our instance metadata, or '' when the domain has none. */
export function instanceOwnerOf(domainXml: string): string {
  const el = Array.from(parse(domainXml).getElementsByTagNameNS(INSTANCE_XMLNS, 'owner'))[0];
  return el?.textContent ?? '';
}

/** The source file of the domain's first disk whose target is `target` (e.g. vda). */
export function diskSourceOf(domainXml: string, target: string): string | undefined {
  for (const disk of Array.from(parse(domainXml).getElementsByTagName('disk'))) {
    if (first(disk, 'target')?.getAttribute('dev') === target) {
      return first(disk, 'source')?.getAttribute('file') ?? undefined;
    }
  }
  return undefined;
}

export interface ParsedCapabilities {
  readonly hostArch: string;
  /** Domain types offered for hvm guests on x86_64 (kvm, qemu...); the test driver's `test` on any arch. */
  readonly domainTypes: readonly string[];
  /** Architectures offering each domain type (the test driver only has i686). */
  readonly archesOf: Readonly<Record<string, readonly string[]>>;
  readonly liveMigration: boolean;
  /** The qemu DAC base label (`+uid:+gid`) QEMU processes run as, when libvirt reports one. */
  readonly dacBaseLabel: string | undefined;
}

/** What we need from `virConnectGetCapabilities`. */
export function parseCapabilities(xml: string): ParsedCapabilities {
  const root = parse(xml);
  const host = first(root, 'host');
  const hostArch = (host && first(host, 'arch')?.textContent?.trim()) ?? 'x86_64';
  const domainTypes = new Set<string>();
  const archesOf: Record<string, string[]> = {};
  for (const guest of Array.from(root.getElementsByTagName('guest'))) {
    const osType = first(guest, 'os_type')?.textContent?.trim();
    const arch = first(guest, 'arch');
    const archName = arch?.getAttribute('name') ?? '';
    if (osType !== 'hvm' || !arch || (archName !== 'x86_64' && archName !== 'i686')) {
      continue;
    }
    for (const d of Array.from(arch.getElementsByTagName('domain'))) {
      const type = d.getAttribute('type');
      if (type && (archName === 'x86_64' || type === 'test')) {
        domainTypes.add(type);
        (archesOf[type] ??= []).push(archName);
      }
    }
  }
  let dacBaseLabel: string | undefined;
  for (const model of Array.from(host?.getElementsByTagName('secmodel') ?? [])) {
    if (first(model, 'model')?.textContent?.trim() !== 'dac') {
      continue;
    }
    for (const label of Array.from(model.getElementsByTagName('baselabel'))) {
      dacBaseLabel ??= label.textContent?.trim();
    }
  }
  const liveMigration = (host?.getElementsByTagName('migration_features').length ?? 0) > 0;
  return { hostArch, domainTypes: [...domainTypes], archesOf, liveMigration, dacBaseLabel };
}
