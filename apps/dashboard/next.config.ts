import type { NextConfig } from 'next';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const nextConfig: NextConfig = {
  reactStrictMode: true,
  typescript: { tsconfigPath: 'tsconfig.app.json' },
  poweredByHeader: false,
  images: { unoptimized: true },
  outputFileTracingRoot: repoRoot,
  turbopack: { root: repoRoot },
  // gRPC and the workspace libraries run as plain Node modules, never bundled.
  serverExternalPackages: [
    '@grpc/grpc-js',
    'nice-grpc',
    'nice-grpc-common',
    '@tinystack/config',
    '@tinystack/contracts',
    '@tinystack/errors',
    '@tinystack/grpc',
    '@tinystack/logging',
    // what the workspace libraries import (the generated contracts carry NestJS decorators)
    '@nestjs/common',
    '@nestjs/core',
    '@nestjs/microservices',
    '@grpc/proto-loader',
    'reflect-metadata',
    'pino',
  ],
  headers() {
    return Promise.resolve([
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ]);
  },
};

export default nextConfig;
