import type {
  DiskFormat,
  DiskSnapshot,
  GuestEvent,
  GuestId,
  GuestInfo,
  GuestSpec,
  HostCapabilities,
  HostResources,
} from './guest.types.js';

/**
 * The one door to a hypervisor host, like Nova's `nova/virt/driver.py` ComputeDriver.
 * The compute agent calls it; it never touches a database and never decides policy
 * (quotas, ownership, scheduling): it makes the host match what it is told.
 *
 * Failure semantics, for every method: errors are `DomainError`s (`@tinystack/errors`)
 * with one of these kinds, and nothing else escapes:
 * - `not_found`   no guest with that id on this host;
 * - `conflict`    the guest is in a state the operation cannot start from (e.g. pause a
 *                 shut-off guest), or spawn of an id that already exists;
 * - `bad_request` the spec is invalid (not a UUID, zero vCPUs, an image with a backing file,
 *                 a checksum mismatch, an unsupported disk format);
 * - `unavailable` the hypervisor cannot be reached (libvirtd down); safe to retry;
 * - `internal`    anything else, with the hypervisor's message.
 *
 * Power operations are idempotent: asking for the state a guest is already in succeeds and
 * changes nothing, so compute may retry any call after a timeout.
 */
export interface HypervisorDriver {
  /** Connect (idempotent). Throws `unavailable` when the hypervisor cannot be reached. */
  init(): Promise<void>;

  /** Disconnect; the guests keep running. */
  close(): Promise<void>;

  /** What this host is (domain type kvm or qemu, versions). Requires init(). */
  capabilities(): Promise<HostCapabilities>;

  /** Totals of vCPUs, memory and local disk (the disk holding instance files). */
  hostResources(): Promise<HostResources>;

  /**
   * Fetch the base image into the local cache (once per image, checksum verified), give the
   * guest a copy-on-write disk grown to the flavor size, attach the config drive, define the
   * guest and start it unless `powerOn` is false. Resolves once the hypervisor runs the guest
   * (not once the guest OS has booted). On any failure, and when `signal` aborts, nothing is
   * left behind: no domain, no disk, no config drive.
   */
  spawn(spec: GuestSpec, signal?: AbortSignal): Promise<GuestInfo>;

  /**
   * Power the guest off at once and remove its definition. Unless `keepDisks`, also remove
   * its disk, config drive and console log. Succeeds when the guest does not exist (files are
   * still removed), so a retried delete never fails.
   */
  destroy(id: GuestId, opts: { keepDisks: boolean }): Promise<void>;

  /** Power on a shut-off guest (a suspended one resumes from its saved memory). */
  start(id: GuestId): Promise<void>;

  /**
   * Ask the guest OS to shut down (ACPI power button) and wait up to `timeoutMs`; then pull
   * the plug. Resolves when the guest is off. `timeoutMs: 0` powers off at once.
   */
  stop(id: GuestId, opts: { timeoutMs: number }): Promise<void>;

  /**
   * Soft: ask the guest OS to reboot (ACPI) and wait up to `timeoutMs` for it to do so, then
   * fall back to a hard reboot. Hard: reset the virtual machine at once, like the reset button;
   * a shut-off or crashed guest is started. A paused guest runs again after either.
   */
  reboot(id: GuestId, opts: { hard: boolean; timeoutMs: number }): Promise<void>;

  /** Freeze the guest's vCPUs; its memory stays in host RAM. */
  pause(id: GuestId): Promise<void>;

  /** Let a paused guest run again. */
  unpause(id: GuestId): Promise<void>;

  /**
   * Save the guest's memory to disk and stop it (libvirt managed save), freeing host RAM, as
   * Nova's libvirt driver does; `resume` (or `start`) restores it where it was. Chosen over
   * libvirt's in-memory suspend, which is `pause` here.
   */
  suspend(id: GuestId): Promise<void>;

  /** Restore a suspended guest from its saved memory. */
  resume(id: GuestId): Promise<void>;

  /** The guest's state now. `not_found` when it does not exist. */
  getInfo(id: GuestId): Promise<GuestInfo>;

  /** Every guest this driver created on the host (others are ignored), for power-state sync. */
  listGuests(): Promise<GuestInfo[]>;

  /** Where the guest's serial console is logged (the file os-getConsoleOutput reads). */
  consoleLogPath(id: GuestId): string;

  /**
   * The last `tailLines` lines of the serial console (all when omitted), at most `maxBytes`
   * from the end of the log. Empty when the guest has not written anything yet.
   */
  readConsole(id: GuestId, opts?: { tailLines?: number; maxBytes?: number }): Promise<string>;

  /**
   * Copy the guest's root disk, flattened (no backing file), into a new image of `format`.
   * A running guest is paused while its disk is read, then runs again. The stream's temp file
   * is removed once the stream ends or is destroyed.
   */
  snapshot(id: GuestId, opts: { format: DiskFormat }): Promise<DiskSnapshot>;

  /**
   * Call `listener` on every power-state change the hypervisor reports for our guests
   * (including ones nobody asked for: a guest that powered itself off or crashed). Returns a
   * function that stops the calls. Events may be lost while the hypervisor is unreachable:
   * callers also poll listGuests().
   */
  watch(listener: (event: GuestEvent) => void): () => void;
}
