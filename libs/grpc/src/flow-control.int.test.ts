import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Settings } from 'node:http2';
import { test } from 'node:test';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { freePort } from '@tinystack/testing';
import { SERVER_RECEIVE_WINDOW_BYTES, widenGrpcReceiveWindows } from './flow-control.js';
import { grpcServerOptions } from './server-options.js';

@Module({})
class EmptyModule {}

test('a gRPC server offers clients the wide receive window, not HTTP/2\'s 64 KiB', { timeout: 10_000 }, async () => {
  const port = await freePort();
  const app = await NestFactory.create(EmptyModule, { logger: false });
  app.connectMicroservice<MicroserviceOptions>(grpcServerOptions(['objectstore'], `127.0.0.1:${port}`));
  await app.startAllMicroservices();
  try {
    assert.equal(widenGrpcReceiveWindows(app), 1);
    const session = connect(`http://127.0.0.1:${port}`);
    try {
      // the server's SETTINGS frame carries its initial stream window
      const settings = (await once(session, 'remoteSettings')) as [Settings];
      let window = settings[0].initialWindowSize;
      if (window !== SERVER_RECEIVE_WINDOW_BYTES) {
        // sent in a second SETTINGS frame when the first went out before the session event
        window = ((await once(session, 'remoteSettings')) as [Settings])[0].initialWindowSize;
      }
      assert.equal(window, SERVER_RECEIVE_WINDOW_BYTES);
    } finally {
      session.close();
    }
  } finally {
    await app.close();
  }
});
