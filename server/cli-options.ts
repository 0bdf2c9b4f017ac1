import { DEFAULT_DEMO_USER, type DemoUser } from './peer/basic-auth.js';

/** Fixed demo password, printed at start (the demo accounts guard nothing real). */
export const DEMO_PASSWORD = DEFAULT_DEMO_USER.password;

/** What `npm start` runs with, from arguments and environment. */
export type CliOptions = {
  readonly port: number;
  readonly host: string;
  readonly edenUrl: string | null;
  readonly dataDir: string;
  readonly users: readonly DemoUser[];
  readonly build: 'auto' | 'skip' | 'force';
  readonly help: boolean;
};

/** The usage text of `npm start -- --help`. */
export const USAGE = `Usage: npm start -- [--port N] [--host H] [--eden-url URL] [--data-dir DIR] [--no-build | --build]

  --port N         listen port (env PORT, default 8080)
  --host H         listen address (env HOST, default 127.0.0.1)
  --eden-url URL   proxy /eden/* to a real Eden, e.g. http://127.0.0.1:8000/eden (env EDEN_URL);
                   without it a built-in Eden-compatible demo peer answers under /eden
  --data-dir DIR   where the demo peer keeps its data (env DATA_DIR, default ./.data)
  --no-build       serve dist/ as it is; --build forces a Vite build (default: build when stale)

  Demo accounts: DEMO_USER / DEMO_PASSWORD (default demo@example.com / ${DEMO_PASSWORD});
  optional DEMO_NOSYNC_USER / DEMO_NOSYNC_PASSWORD: an account without sync rights (gets 403).`;

/** Invalid command line or environment. */
export class CliError extends Error {
  readonly code = 'cli-invalid';
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

function portOf(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new CliError(`invalid port: ${value}`);
  return port;
}

/** Parses `argv` (without node and script) and the environment into {@link CliOptions}. */
export function parseCliOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  let port = env.PORT !== undefined && env.PORT !== '' ? portOf(env.PORT) : 8080;
  let host = env.HOST !== undefined && env.HOST !== '' ? env.HOST : '127.0.0.1';
  let edenUrl = env.EDEN_URL !== undefined && env.EDEN_URL !== '' ? env.EDEN_URL : null;
  let dataDir = env.DATA_DIR !== undefined && env.DATA_DIR !== '' ? env.DATA_DIR : '.data';
  let build: CliOptions['build'] = 'auto';
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[(i += 1)];
      if (next === undefined) throw new CliError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': port = portOf(value()); break;
      case '--host': host = value(); break;
      case '--eden-url': edenUrl = value(); break;
      case '--data-dir': dataDir = value(); break;
      case '--no-build': build = 'skip'; break;
      case '--build': build = 'force'; break;
      case '--help': case '-h': help = true; break;
      default: throw new CliError(`unknown argument: ${arg}`);
    }
  }
  if (edenUrl !== null) {
    let parsed: URL;
    try {
      parsed = new URL(edenUrl);
    } catch {
      throw new CliError(`EDEN_URL is not a URL: ${edenUrl}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError('EDEN_URL must be http(s)');
    if (parsed.username !== '' || parsed.password !== '') throw new CliError('EDEN_URL must not contain credentials');
  }
  const users: DemoUser[] = [
    { username: env.DEMO_USER || DEFAULT_DEMO_USER.username, password: env.DEMO_PASSWORD || DEMO_PASSWORD, canSync: true },
  ];
  if (env.DEMO_NOSYNC_USER && env.DEMO_NOSYNC_PASSWORD) {
    users.push({ username: env.DEMO_NOSYNC_USER, password: env.DEMO_NOSYNC_PASSWORD, canSync: false });
  }
  return { port, host, edenUrl, dataDir, users, build, help };
}
