// Line-oriented JSON logs on stdout: one object a line, easy to grep and to ship.
export type Logger = {
  info(msg: string, extra?: object): void;
  warn(msg: string, extra?: object): void;
  error(msg: string, extra?: object): void;
};

export function createLogger(component: string): Logger {
  const write = (level: string, msg: string, extra?: object) =>
    process.stdout.write(
      JSON.stringify({ t: new Date().toISOString(), level, component, msg, ...extra }) + '\n',
    );
  return {
    info: (m, e) => write('info', m, e),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
  };
}
