// For the bench only: the same app with a store that keeps nothing, so the bench can show the
// ceiling of HTTP, parsing and validation on this machine beside the real databases.
import { buildServer } from '../index.mjs';

const app = buildServer({ store: { add: async () => true, close: async () => {} } });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on http://127.0.0.1:${app.server.address().port}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
