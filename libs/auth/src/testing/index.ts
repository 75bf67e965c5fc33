export * from './token-signer.js';
export * from './identity-stand-in.js';
