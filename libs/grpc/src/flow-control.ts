import type { Http2Session } from 'node:http2';
import type { INestApplication } from '@nestjs/common';
import { loggerFor } from '@tinystack/logging';

/** The per-stream and per-connection receive window a gRPC server offers its clients. */
export const SERVER_RECEIVE_WINDOW_BYTES = 4 * 1024 * 1024;

interface Http2ServerLike {
  on(event: 'session', listener: (session: Http2Session) => void): unknown;
}

/**
 * Widens the HTTP/2 receive windows of the app's gRPC servers. HTTP/2 starts every stream
 * with a 64 KiB window, and @grpc/grpc-js offers no server option to change it (its
 * client has `grpc-node.flow_control_window`), so a client streaming bytes to the server
 * (PutObject, snapshot uploads) waits for a WINDOW_UPDATE every 64 KiB: at one event-loop
 * turn each, that caps an upload near 70 MB/s. Each new session is told to accept
 * SERVER_RECEIVE_WINDOW_BYTES per stream and per connection instead.
 *
 * Call after `app.startAllMicroservices()`. It reaches into @grpc/grpc-js's server for its
 * HTTP/2 servers (a field that version keeps); when that shape is missing it logs and
 * leaves the defaults, which are slower but correct.
 */
export function widenGrpcReceiveWindows(app: INestApplication, bytes = SERVER_RECEIVE_WINDOW_BYTES): number {
  let widened = 0;
  for (const ms of app.getMicroservices()) {
    const transport = (ms as unknown as { getTransportServer?: () => unknown }).getTransportServer?.();
    const grpcServer = (transport as { grpcClient?: { http2Servers?: Map<Http2ServerLike, unknown> } } | undefined)?.grpcClient;
    const servers = grpcServer?.http2Servers;
    if (!(servers instanceof Map)) {
      continue;
    }
    for (const server of servers.keys()) {
      server.on('session', (session) => {
        try {
          session.settings({ initialWindowSize: bytes });
          session.setLocalWindowSize(bytes);
        } catch (err) {
          loggerFor('grpc').warn({ err }, 'could not widen a gRPC session\'s receive window');
        }
      });
      widened++;
    }
  }
  if (widened === 0) {
    loggerFor('grpc').warn('could not reach the gRPC servers to widen their receive windows; uploads keep HTTP/2 default windows');
  }
  return widened;
}
