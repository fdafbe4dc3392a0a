import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface WebServer {
  url: string;
  /** Cuts every open WebSocket, as a dropped network connection would. */
  dropWebSockets: () => number;
  /** While true, new WebSocket connections are refused (the client keeps retrying). */
  setRefuseWebSockets: (refuse: boolean) => void;
  close: () => Promise<void>;
}

/**
 * Serves the built SPA (with index.html for client-side routes) and proxies `/api` and the `/ws`
 * upgrade to the backend, the way a production reverse proxy would.
 */
export function startWebServer(distDir: string, backendUrl: string): Promise<WebServer> {
  const backend = new URL(backendUrl);
  const sockets = new Set<Socket>();
  let refuse = false;

  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      const upstream = httpRequest(
        {
          hostname: backend.hostname,
          port: backend.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: backend.host },
        },
        (response) => {
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: error.message }));
      });
      req.pipe(upstream);
      return;
    }
    const candidate = path.normalize(path.join(distDir, decodeURIComponent(url.pathname)));
    const inside = candidate.startsWith(distDir);
    const file =
      inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : path.join(distDir, 'index.html');
    const type = CONTENT_TYPES[path.extname(file)] ?? 'text/plain; charset=utf-8';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });

  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    if (refuse || !(req.url ?? '').startsWith('/ws')) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(backend.port), backend.hostname, () => {
      const headers = Object.entries(req.headers)
        .flatMap(([name, value]) =>
          Array.isArray(value) ? value.map((v) => `${name}: ${v}`) : value === undefined ? [] : [`${name}: ${value}`],
        )
        .join('\r\n');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(client);
    sockets.add(upstream);
    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', forget);
    upstream.on('close', forget);
    client.on('error', forget);
    upstream.on('error', forget);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        dropWebSockets: () => {
          const count = sockets.size;
          for (const socket of [...sockets]) socket.destroy();
          return count;
        },
        setRefuseWebSockets: (value) => {
          refuse = value;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of [...sockets]) socket.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
