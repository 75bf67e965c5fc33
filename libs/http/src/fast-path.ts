import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Puts `tryServe` in front of the server's only request listener (Express): a request it
 * takes (returns true for) never reaches Express; every other goes on unchanged. For the
 * services' fast paths of hot, simple requests.
 */
export function installAheadOfExpress(
  server: Server,
  tryServe: (req: IncomingMessage, res: ServerResponse) => boolean,
): void {
  type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
  const listeners = server.listeners('request') as RequestListener[];
  const [next] = listeners;
  if (listeners.length !== 1 || !next) {
    throw new Error(`expected one request listener, found ${listeners.length}`);
  }
  server.removeListener('request', next);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!tryServe(req, res)) {
      next(req, res);
    }
  });
}
