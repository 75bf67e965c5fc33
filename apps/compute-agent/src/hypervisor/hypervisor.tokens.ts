/** Nest injection token of the host's HypervisorDriver. */
export const HYPERVISOR_DRIVER = Symbol('HYPERVISOR_DRIVER');
