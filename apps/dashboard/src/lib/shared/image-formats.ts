/** Image format and visibility choices (no zod: the upload form in the browser imports these). */

/** Glance's disk and container formats, as the image service accepts them. */
export const DISK_FORMATS = [
  'qcow2',
  'raw',
  'iso',
  'vmdk',
  'vdi',
  'vhd',
  'vhdx',
  'ami',
  'ari',
  'aki',
] as const;
export const CONTAINER_FORMATS = [
  'bare',
  'ovf',
  'ova',
  'aki',
  'ari',
  'ami',
  'docker',
  'compressed',
] as const;
/** What a project member may choose; public images are an admin's call. */
export const MEMBER_VISIBILITIES = ['private', 'shared', 'community'] as const;
export const VISIBILITIES = [...MEMBER_VISIBILITIES, 'public'] as const;

/** The image's format guessed from the file name, to preselect the right one. */
export function guessDiskFormat(fileName: string): (typeof DISK_FORMATS)[number] {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return (DISK_FORMATS as readonly string[]).includes(ext)
    ? (ext as (typeof DISK_FORMATS)[number])
    : ext === 'img'
      ? 'qcow2'
      : 'raw';
}
