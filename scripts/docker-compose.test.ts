// Docker is not installed where the suite runs, so `docker compose config` cannot check
// docker-compose.yml: this parses it and checks that what it names exists — services it
// depends on, Dockerfiles and the package scripts their commands run, the nginx config —
// and that web and worker run several replicas by default (README "Running at scale").
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error js-yaml ships no types
import yaml from 'js-yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Service = {
  build?: { context: string; dockerfile: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  deploy?: { replicas?: string | number };
  depends_on?: Record<string, unknown> | string[];
  volumes?: string[];
};
const compose = yaml.load(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const services = compose.services;

/** Compose's interpolation of `${VAR:-default}` / `${VAR:?message}` with nothing set. */
const withDefaults = (v: string | number | undefined) =>
  String(v ?? '').replace(
    /\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g,
    (_m, _name: string, fallback?: string) => fallback ?? '<required>',
  );

const packageByName = new Map(
  ['apps/web', 'apps/worker', 'packages/db', 'packages/queue', 'packages/engine'].map((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as {
      name: string;
      scripts?: Record<string, string>;
    };
    return [pkg.name, { dir, scripts: pkg.scripts ?? {} }];
  }),
);

describe('docker-compose.yml', () => {
  it('runs Postgres, Redis, the migrations, several web and worker replicas and a load balancer in front of the webs', () => {
    expect(Object.keys(services).sort()).toEqual([
      'lb',
      'postgres',
      'redis',
      'setup',
      'web',
      'worker',
    ]);
    expect(Number(withDefaults(services.web!.deploy?.replicas))).toBeGreaterThanOrEqual(2);
    expect(Number(withDefaults(services.worker!.deploy?.replicas))).toBeGreaterThanOrEqual(2);
    // Replicas cannot share a host port: only the balancer publishes one.
    expect(services.web).not.toHaveProperty('ports');
    expect(services.worker).not.toHaveProperty('ports');
    expect(services.lb!.image).toMatch(/^nginx:/);
  });

  it('names only services, files, packages and scripts that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(services, `${name} depends on ${dep}`).toHaveProperty(dep);
      if (service.build)
        expect(
          existsSync(path.join(root, service.build.context, service.build.dockerfile)),
          `${name}'s Dockerfile`,
        ).toBe(true);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.'))
          expect(existsSync(path.join(root, source)), `${name} mounts ${source}`).toBe(true);
      }
    }
    // Each image's start command: `pnpm --filter <package> <script>` of a package that has it.
    for (const name of ['web', 'worker', 'setup']) {
      const dockerfile = readFileSync(path.join(root, services[name]!.build!.dockerfile), 'utf8');
      const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
      expect(cmd.slice(0, 2)).toEqual(['pnpm', '--filter']);
      const pkg = packageByName.get(cmd[2]!);
      expect(pkg, `${name}: package ${cmd[2]}`).toBeDefined();
      expect(pkg!.scripts, `${name}: script ${cmd[3]} of ${cmd[2]}`).toHaveProperty(cmd[3]!);
    }
    // setup runs the migration script directly.
    expect(services.setup!.command!.join(' ')).toContain('scripts/setup-db.ts');
    expect(existsSync(path.join(root, 'scripts/setup-db.ts'))).toBe(true);
  });

  it('gives web and worker the same Postgres and Redis, and the balancer proxies to every web', () => {
    for (const name of ['web', 'worker', 'setup']) {
      const env = services[name]!.environment!;
      expect(withDefaults(env.DATABASE_URL)).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(withDefaults(env.REDIS_URL)).toBe('redis://redis:6379');
    }
    expect(services.web!.environment!.TRUSTED_PROXY_HOPS).toBe(1);
    const nginx = readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');
    expect(nginx).toMatch(/server web:3000 resolve;/);
    expect(nginx).toMatch(/proxy_buffering off;/);
    expect(nginx).toMatch(/listen 3000;/);
  });
});
