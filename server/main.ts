import { resolve } from 'node:path';
import { ensureAppBuilt } from './build-app.js';
import { CliError, DEMO_PASSWORD, parseCliOptions, USAGE } from './cli-options.js';
import { startServer } from './start-server.js';

const root = resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.build !== 'skip') {
    const built = await ensureAppBuilt(root, { force: options.build === 'force', log: console.log });
    if (!built) console.log('dist/ is up to date (use --build to rebuild)');
  }
  const server = await startServer({
    port: options.port,
    host: options.host,
    distDir: resolve(root, 'dist'),
    edenUrl: options.edenUrl,
    dataDir: resolve(options.dataDir),
    users: options.users,
    log: (line) => console.log(line),
  });
  console.log(`Eden Sync is running: open ${server.url}/`);
  if (server.mode === 'proxy') {
    console.log(`Mode: proxy, /eden/* is forwarded to ${options.edenUrl ?? ''}`);
  } else {
    console.log(`Mode: demo peer (Eden-compatible, under ${server.url}/eden), data in ${resolve(options.dataDir)}`);
    if (server.peer !== null && server.peer.seeded > 0) console.log(`Seeded ${server.peer.seeded} demo records`);
    // The one intentional print of credentials: the built-in demo password, so that a user can sign
    // in. A password chosen through the environment is never printed.
    for (const user of options.users) {
      const password = user.password === DEMO_PASSWORD ? user.password : '(password from the environment)';
      console.log(`Demo account: ${user.username} / ${password}${user.canSync ? '' : ' (no sync rights)'}`);
    }
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ...`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof CliError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
