import { ConfigError } from './config';

/**
 * Where Redis is: one node, or the seed nodes of a Redis Cluster. `REDIS_URL` names several nodes
 * by listing them, comma-separated, where one URL has its host:
 *
 *   redis://127.0.0.1:6379                          one node
 *   redis://:secret@10.0.0.1:7101,10.0.0.2:7102     a cluster (any reachable node finds the rest)
 *
 * `REDIS_CLUSTER=1` makes even a single node a cluster seed. A cluster has only database 0.
 */
export type RedisTarget = {
  cluster: boolean;
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  tls: boolean;
  db: number;
};

export function parseRedisTarget(raw: string, clusterFlag = false, name = 'REDIS_URL'): RedisTarget {
  const m = /^(rediss?):\/\/(?:([^@/]*)@)?([^/?#]+)(?:\/(\d*))?\/?$/.exec(raw.trim());
  if (!m)
    throw new ConfigError(
      `${name} must look like redis://[user:password@]host:port[,host:port…][/db], got "${raw}"`,
    );
  const [, scheme, auth, hosts, dbText] = m;
  const nodes = hosts.split(',').map((h) => node(h.trim(), name, raw));
  let username: string | undefined;
  let password: string | undefined;
  if (auth) {
    const colon = auth.indexOf(':');
    const user = decodeURIComponent(colon < 0 ? auth : auth.slice(0, colon));
    username = user || undefined;
    password = colon < 0 ? undefined : decodeURIComponent(auth.slice(colon + 1)) || undefined;
  }
  const db = dbText ? Number(dbText) : 0;
  const cluster = clusterFlag || nodes.length > 1;
  if (cluster && db !== 0)
    throw new ConfigError(`${name} names database ${db}, but a Redis Cluster has only database 0`);
  return { cluster, nodes, username, password, tls: scheme === 'rediss', db };
}

function node(text: string, name: string, raw: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text);
  const port = m?.[2] === undefined ? 6379 : Number(m[2]);
  if (!m || port < 1 || port > 65535)
    throw new ConfigError(`${name} has a node "${text}" that is not host[:port], in "${raw}"`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}
