export { describeBlobStore, generatedBody } from './blob-store.contract.js';
