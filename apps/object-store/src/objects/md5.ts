import { createHash } from 'node:crypto';

export const md5Of = (s: string | Buffer) => createHash('md5').update(s).digest('hex');
