export * from './test-images.js';
export { bootSectorImage } from './boot-sector.js';
export { cpioNewc, initramfs, type CpioEntry } from './initramfs.js';
export { FileImageSource } from './file-image-source.js';
export { ensureLibvirtd, hasKvm } from './libvirtd.js';
export { createTestBridge, type TestBridge } from './test-bridge.js';
export { makeSshKey, sshRun, type SshKey, type SshOptions, type SshResult } from './ssh.js';
