import { z } from 'zod';
import { CONTAINER_FORMATS, DISK_FORMATS, VISIBILITIES } from './image-formats.ts';

export { guessDiskFormat } from './image-formats.ts';

export const NewImageSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the image a name.')
    .max(255, 'An image name has at most 255 characters.'),
  diskFormat: z.enum(DISK_FORMATS, { error: 'Choose a disk format.' }),
  containerFormat: z.enum(CONTAINER_FORMATS, { error: 'Choose a container format.' }),
  visibility: z.enum(VISIBILITIES, { error: 'Choose who can see the image.' }),
  minDisk: z.coerce.number().int().min(0, 'At least 0 GiB.').max(100_000).default(0),
  minRam: z.coerce.number().int().min(0, 'At least 0 MiB.').max(10_000_000).default(0),
});
export type NewImageInput = z.infer<typeof NewImageSchema>;
