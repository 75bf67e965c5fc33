// Medium test: FsImageStore on real files passes the ImageStore contract.
import { after } from 'node:test';
import { tempDir } from '@tinystack/testing';
import { FsImageStore } from './fs-image-store.js';
import { describeImageStore } from './image-store.contract.js';

const dir = tempDir('fs-image-store-');
after(() => dir.cleanup());

describeImageStore('FsImageStore', () => Promise.resolve(new FsImageStore(dir.path)));
