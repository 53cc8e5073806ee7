// What every script of scripts/ shares on the command line: options read by node:util parseArgs,
// --help (-h) printing the script's usage on stdout, a usage error on stderr with exit code 2, and
// progress lines on stderr (stdout stays the script's result).
import { ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { type: 'boolean', short: 'h', default: false } as const;

/** The parsed options and positionals, or the process ends with the usage (--help, or an error). */
export function cliArgs<O extends Options>(usage: string, options: O, allowPositionals = false) {
  type Config = {
    args: string[];
    options: O & { help: typeof HELP };
    allowPositionals: boolean;
    strict: true;
  };
  const args = process.argv.slice(2);
  const config: Config = { args, options: { ...options, help: HELP }, allowPositionals, strict: true };
  let parsed;
  try {
    parsed = parseArgs<Config>(config);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsed;
}

/** A progress line on stderr, at most one every `everyMs` unless `force` (the last one). */
export function progressLine(name: string, everyMs = 2000) {
  let last = 0;
  return (line: string, force = false) => {
    const now = Date.now();
    if (!force && now - last < everyMs) return;
    last = now;
    process.stderr.write(`${name}: ${line}\n`);
  };
}
