export * from './test-images.js';
export { bootSectorImage } from './boot-sector.js';
export { cpioNewc, initramfs, type CpioEntry } from './initramfs.js';
export { FileImageSource } from './file-image-source.js';
export { ensureLibvirtd, hasKvm } from './libvirtd.js';
