// deploy/ and docs/scale.md: the Kubernetes manifests validate against the Kubernetes API schemas,
// the Indexed Job and the AWS Batch array job agree with the --shard count they pass, and every
// auditpack command line in them parses with the CLI's own commander declarations.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { registerAttest } from '../../src/cli/attest-command.js';
import { registerCatalog, registerChecks } from '../../src/cli/catalog-command.js';
import { registerCollect } from '../../src/cli/collect-command.js';
import { registerDiff } from '../../src/cli/diff-command.js';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { registerMerge } from '../../src/cli/merge-command.js';
import { registerReport } from '../../src/cli/report-command.js';
import { registerSign } from '../../src/cli/sign-command.js';

const root = process.cwd();
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const deployFiles = (dir: string, ext: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(ext))
    .map((name) => join(dir, name))
    .sort();

const KUBERNETES = deployFiles('deploy/kubernetes', '.yaml');
const MARKDOWN = ['docs/scale.md', ...deployFiles('deploy', '.md')];

// ---- Kubernetes ------------------------------------------------------------------------------

type Manifest = { kind: 'Job'; model: Job } | { kind: 'ServiceAccount'; model: ServiceAccount };

/** Every document of a manifest file, each constructed as its kubernetes-models class and validated. */
function manifests(path: string): Manifest[] {
  return parseAllDocuments(read(path)).map((document, index) => {
    if (document.errors.length > 0) throw new Error(`${path}: document ${index}: ${document.errors[0]?.message}`);
    const data = document.toJS() as { kind?: unknown };
    switch (data.kind) {
      case 'Job': {
        const model = new Job(data as ConstructorParameters<typeof Job>[0]);
        model.validate();
        return { kind: 'Job', model };
      }
      case 'ServiceAccount': {
        const model = new ServiceAccount(data as ConstructorParameters<typeof ServiceAccount>[0]);
        model.validate();
        return { kind: 'ServiceAccount', model };
      }
      default:
        throw new Error(`${path}: document ${index} is a ${String(data.kind)}; add its kubernetes-models class to this test`);
    }
  });
}

function job(path: string): Job {
  const found = manifests(path).find((m) => m.kind === 'Job');
  if (!found || found.kind !== 'Job') throw new Error(`${path}: holds no Job`);
  return found.model;
}

function containersOf(model: Job): NonNullable<NonNullable<Job['spec']>['template']['spec']>['containers'] {
  const pod = model.spec?.template.spec;
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}

/** The value after `flag` in an argument list. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

function bytesOf(quantity: string | number | undefined): number {
  const match = /^(\d+)(Ki|Mi|Gi|k|M|G)?$/.exec(String(quantity ?? ''));
  if (!match) throw new Error(`not a memory quantity: ${String(quantity)}`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

describe('deploy/kubernetes', () => {
  it.each(KUBERNETES)('%s: every document validates against its Kubernetes schema', (path) => {
    expect(manifests(path).length).toBeGreaterThan(0);
  });

  it('serviceaccount.yaml: the service account the Jobs run as carries an IRSA role', () => {
    const [account] = manifests('deploy/kubernetes/serviceaccount.yaml');
    expect(account?.kind).toBe('ServiceAccount');
    const name = account?.model.metadata?.name;
    expect(account?.model.metadata?.annotations?.['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\/.+/);
    for (const path of ['collect-job.yaml', 'merge-report-job.yaml'])
      expect(job(`deploy/kubernetes/${path}`).spec?.template.spec?.serviceAccountName).toBe(name);
  });

  const collect = (): Job => job('deploy/kubernetes/collect-job.yaml');
  const collectArgs = (): string[] => containersOf(collect())[0]?.args ?? [];

  it('collect-job.yaml: an Indexed Job, retried per index, whose --shard count is its completions', () => {
    const spec = collect().spec;
    expect(spec?.completionMode).toBe('Indexed');
    expect(spec?.completions).toBeGreaterThan(1);
    expect(spec?.parallelism).toBe(spec?.completions);
    expect(spec?.backoffLimitPerIndex).toBeGreaterThanOrEqual(1);
    expect(spec?.template.spec?.restartPolicy).toBe('Never');
    expect(containersOf(collect())).toHaveLength(1);
    expect(flagValue(collectArgs(), '--shard')).toBe(`auto/${spec?.completions}`);
    // Each index uploads to its own prefix, named by the index Kubernetes expands.
    expect(flagValue(collectArgs(), '--out')).toMatch(/^s3:\/\/.+\$\(JOB_COMPLETION_INDEX\)$/);
  });

  it('collect-job.yaml: sized to the 500 MB per shard target, with the V8 heap below the limit', () => {
    const container = containersOf(collect())[0];
    const limit = bytesOf(container?.resources?.limits?.memory);
    expect(limit).toBeLessThanOrEqual(512 * 2 ** 20);
    expect(bytesOf(container?.resources?.requests?.memory)).toBeLessThanOrEqual(limit);
    const heap = /--max-old-space-size=(\d+)/.exec(container?.env?.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '');
    expect(Number(heap?.[1]) * 2 ** 20).toBeLessThan(limit);
  });

  it.each(KUBERNETES.filter((p) => p.includes('job')))(
    '%s: non-root, read-only root file system, TMPDIR and --work-dir on an emptyDir',
    (path) => {
      const model = job(path);
      const pod = model.spec?.template.spec;
      expect(pod?.securityContext?.runAsNonRoot).toBe(true);
      expect(pod?.securityContext?.runAsUser).toBe(dockerUser());
      const emptyDirs = new Set((pod?.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
      for (const container of containersOf(model)) {
        expect(container.securityContext?.readOnlyRootFilesystem, container.name).toBe(true);
        expect(container.securityContext?.runAsNonRoot, container.name).toBe(true);
        expect(container.securityContext?.allowPrivilegeEscalation, container.name).toBe(false);
        const writable = (container.volumeMounts ?? []).filter((m) => emptyDirs.has(m.name) && !m.readOnly).map((m) => m.mountPath);
        const tmpdir = container.env?.find((e) => e.name === 'TMPDIR')?.value ?? '/tmp';
        expect(writable, `${container.name}: TMPDIR ${tmpdir}`).toContain(tmpdir);
        const workDir = flagValue(container.args ?? [], '--work-dir');
        if (workDir !== undefined)
          expect(
            writable.some((mount) => workDir.startsWith(`${mount}/`)),
            `${container.name}: --work-dir ${workDir}`,
          ).toBe(true);
      }
    },
  );

  it('merge-report-job.yaml: merges exactly the shards the collect Job uploads, then archives under Object Lock', () => {
    const model = job('deploy/kubernetes/merge-report-job.yaml');
    expect(model.spec?.completionMode).toBeUndefined();
    const steps = containersOf(model).map((c) => c.args?.[0]);
    expect(steps).toEqual(['merge', 'seal', 'report', 'archive', 'verify']);
    const merge = containersOf(model)[0]?.args ?? [];
    const shards = merge.slice(
      1,
      merge.findIndex((a) => a.startsWith('-')),
    );
    // The prefix the collect Job's shards are written under, which stands for every shard-<index> in it.
    const out = flagValue(collectArgs(), '--out') ?? '';
    expect(out).toMatch(/\/shard-\$\(JOB_COMPLETION_INDEX\)$/);
    expect(shards).toEqual([out.replace(/shard-\$\(JOB_COMPLETION_INDEX\)$/, '')]);
    expect(merge).toContain('--require-signed');
    const archive = containersOf(model).find((c) => c.args?.[0] === 'archive')?.args ?? [];
    expect(flagValue(archive, '--out')).toMatch(/^s3:\/\/.+\.tar\.gz$/);
    expect(flagValue(archive, '--retain-until')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('every container runs the same auditpack image', () => {
    const images = new Set(KUBERNETES.filter((p) => p.includes('job')).flatMap((p) => containersOf(job(p)).map((c) => c.image)));
    expect(images.size).toBe(1);
  });
});

// ---- AWS Batch -------------------------------------------------------------------------------

interface JobDefinition {
  jobDefinitionName: string;
  type: string;
  containerProperties: { image: string; command: string[]; jobRoleArn: string; resourceRequirements: { type: string; value: string }[] };
}

interface SubmitJob {
  jobName: string;
  jobQueue: string;
  jobDefinition: string;
  arrayProperties: { size: number };
}

const jobDefinition = (): JobDefinition => JSON.parse(read('deploy/aws-batch/job-definition.json')) as JobDefinition;
const submitJob = (): SubmitJob => JSON.parse(read('deploy/aws-batch/submit-collect.json')) as SubmitJob;

describe('deploy/aws-batch', () => {
  it('job-definition.json: the fields RegisterJobDefinition requires, a job role and CPU and memory', () => {
    const definition = jobDefinition();
    expect(definition.jobDefinitionName).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);
    expect(definition.type).toBe('container');
    expect(definition.containerProperties.image).toMatch(/auditpack/);
    expect(definition.containerProperties.command.length).toBeGreaterThan(0);
    expect(definition.containerProperties.jobRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\/.+/);
    const types = definition.containerProperties.resourceRequirements.map((r) => r.type).sort();
    expect(types).toEqual(['MEMORY', 'VCPU']);
  });

  it('submit-collect.json: an array job of the definition, as large as the --shard count', () => {
    const submit = submitJob();
    expect(submit.jobName).toBeTruthy();
    expect(submit.jobQueue).toBeTruthy();
    expect(submit.jobDefinition).toBe(jobDefinition().jobDefinitionName);
    expect(submit.arrayProperties.size).toBeGreaterThan(1);
    const [collectCommand] = batchInvocations();
    expect(collectCommand?.args[0]).toBe('collect');
    expect(flagValue(collectCommand?.raw ?? [], '--shard')).toBe(`auto/${submit.arrayProperties.size}`);
    expect(flagValue(collectCommand?.raw ?? [], '--out')).toMatch(/\$AWS_BATCH_JOB_ARRAY_INDEX$/);
  });
});

// ---- Dockerfile ------------------------------------------------------------------------------

function dockerUser(): number {
  const user = /^USER (\d+)/m.exec(read('deploy/Dockerfile'));
  return Number(user?.[1]);
}

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('Node 24 on Debian, the system Chromium and poppler-utils, production dependencies only', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-[a-z]+-slim$/m);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends chromium poppler-utils ca-certificates/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/PUPPETEER_EXECUTABLE_PATH=\/usr\/bin\/chromium/);
  });

  it('runs as a numeric non-root user, and the default (last) stage has the CLI as ENTRYPOINT', () => {
    expect(dockerUser()).toBeGreaterThan(0);
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(stages.at(-1) ?? '');
    expect(JSON.parse(entrypoint?.[1] ?? 'null')).toEqual(['node', '--max-semi-space-size=4', '/app/dist/cli/main.js']);
  });

  it('builds dist/ with `npm run build`, having copied every script that build runs', () => {
    const build = stages.find((stage) => stage.startsWith('${NODE_IMAGE} AS build')) ?? '';
    expect(build).toMatch(/^RUN npm run build$/m);
    const scripts = (JSON.parse(read('package.json')) as { scripts: { build: string } }).scripts.build.match(/scripts\/[\w.-]+/g) ?? [];
    expect(scripts).not.toEqual([]);
    const copied = build.split('\n').filter((line) => line.startsWith('COPY '));
    for (const script of scripts)
      expect(
        copied.some((line) => line.split(' ').includes(script)),
        script,
      ).toBe(true);
  });
});

// ---- auditpack command lines -----------------------------------------------------------------

interface Invocation {
  where: string;
  /** The words after `auditpack`, placeholders as written. */
  raw: string[];
  /** The same with every $VAR, ${VAR} and $(VAR) replaced by a digit. */
  args: string[];
}

const placeholders = (text: string): string => text.replace(/\$\([A-Za-z_]\w*\)|\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*/g, '3');

/**
 * Splits a shell script into simple commands, as sh would: quotes, backslashes, comments, and
 * `;`, `&&`, `||`, `|`, redirections, parentheses and newlines ending a command.
 */
function simpleCommands(script: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  const end = (): void => {
    if (word !== undefined) commands.at(-1)?.push(word);
    word = undefined;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script.charAt(i);
    if (c === '\\') {
      if (script.charAt(i + 1) !== '\n') word = (word ?? '') + script.charAt(i + 1);
      i++;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < script.length && script.charAt(j) !== c; j++) {
        if (c === '"' && script.charAt(j) === '\\' && '"\\$`'.includes(script.charAt(j + 1))) j++;
        text += script.charAt(j);
      }
      if (j >= script.length) throw new Error(`unterminated ${c} in: ${script}`);
      word = (word ?? '') + text;
      i = j;
    } else if (c === '#' && word === undefined) {
      while (i + 1 < script.length && script.charAt(i + 1) !== '\n') i++;
    } else if (/\s/.test(c)) {
      end();
      if (c === '\n') commands.push([]);
    } else if (';&|<>()'.includes(c)) {
      end();
      commands.push([]);
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  return commands.filter((command) => command.length > 0);
}

/** The `auditpack …` commands of a shell script (after `exec` and VAR=value prefixes). */
function invocationsIn(script: string, where: string): Invocation[] {
  const raw = simpleCommands(script);
  const substituted = simpleCommands(placeholders(script));
  return raw.flatMap((words, index) => {
    const start = words.findIndex((w) => w !== 'exec' && !/^[A-Za-z_]\w*=/.test(w));
    if (words[start] !== 'auditpack') return [];
    return [{ where, raw: words.slice(start + 1), args: (substituted[index] ?? []).slice(start + 1) }];
  });
}

/** Commands in fenced shell (or untagged) code blocks of a Markdown file, each named by its first line. */
function markdownInvocations(path: string): Invocation[] {
  const text = read(path);
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)]
    .filter(([, lang]) => ['', 'sh', 'bash', 'shell', 'console', 'text'].includes(lang ?? ''))
    .flatMap((block) => {
      const first = text.slice(0, block.index).split('\n').length + 1;
      const lines = (block[2] ?? '').split('\n');
      const found: Invocation[] = [];
      for (let at = 0; at < lines.length; at++) {
        // A command continued with a trailing backslash is one command, named by its first line.
        const start = at;
        let command = lines[at] ?? '';
        while (command.endsWith('\\') && at + 1 < lines.length) command += `\n${lines[++at] ?? ''}`;
        found.push(...invocationsIn(command, `${path}:${first + start}`));
      }
      return found;
    });
}

/** A Kubernetes container's command: its args, after the image's ENTRYPOINT (the CLI) or a shell's -c. */
function kubernetesInvocations(path: string): Invocation[] {
  return containersOf(job(path)).flatMap((container) => {
    const where = `${path}: container ${container.name}`;
    const command = container.command ?? [];
    const args = container.args ?? [];
    if (command.length === 0) return [{ where, raw: args, args: args.map(placeholders) }];
    if (command.at(-1) === '-c') return invocationsIn(args[0] ?? '', where);
    throw new Error(`${where}: command ${command.join(' ')} is neither the image's ENTRYPOINT nor a shell; teach this test to read it`);
  });
}

function batchInvocations(): Invocation[] {
  const command = jobDefinition().containerProperties.command;
  const where = 'deploy/aws-batch/job-definition.json: command';
  if (command[0] === 'auditpack') return [{ where, raw: command.slice(1), args: command.slice(1).map(placeholders) }];
  if (command.length === 3 && command[1] === '-c') return invocationsIn(command[2] ?? '', where);
  throw new Error(`${where}: expected auditpack … or /bin/sh -c SCRIPT`);
}

/** `auditpack CMD …` written in a comment (YAML, Dockerfile): up to a backquote or the end of the line. */
function commentInvocations(path: string, commands: ReadonlySet<string>): Invocation[] {
  return read(path)
    .split('\n')
    .flatMap((line, index) => {
      const comment = /^\s*#(.*)$/.exec(line)?.[1] ?? '';
      const match = /\bauditpack ([a-z]+)\b[^`]*/.exec(comment);
      return match && commands.has(match[1] ?? '') ? invocationsIn(match[0], `${path}:${index + 1}`) : [];
    });
}

const silentIo = (out: string[] = []): Io => ({
  out: (text) => void out.push(text),
  err: (text) => void out.push(text),
  env: {},
  now: () => new Date('2026-12-06T00:00:00Z'),
});

/**
 * The CLI's commands as `main` declares them (the same register functions, in the same order), with
 * each action replaced by one that records which command ran: parsing checks every option, value and
 * argument exactly as `auditpack` would, without collecting or reporting anything.
 */
function declaredProgram(ran: string[]): Command {
  const io = silentIo();
  const program = new Command('auditpack').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const register of [
    registerReport,
    registerChecks,
    registerCollect,
    registerMerge,
    registerAttest,
    registerDiff,
    registerSign,
    registerCatalog,
  ])
    register(program, io);
  const replace = (command: Command, path: string[]): void => {
    for (const sub of command.commands) {
      const name = [...path, sub.name()];
      sub.action(() => void ran.push(name.join(' ')));
      replace(sub, name);
    }
  };
  replace(program, []);
  return program;
}

function commandOf(program: Command, path: string[]): Command | undefined {
  let command: Command | undefined = program;
  for (const name of path) command = command?.commands.find((c) => c.name() === name);
  return command;
}

/** Long options of a command as `auditpack CMD --help` prints them. */
async function helpOptions(path: string[]): Promise<string[]> {
  const out: string[] = [];
  expect(await main([...path, '--help'], silentIo(out))).toBe(0);
  const help = out.join('');
  // The Options: list ends at the first blank or unindented line.
  const rest = help.slice(help.indexOf('\nOptions:\n') + '\nOptions:\n'.length);
  const stop = rest.search(/\n(?:\S|\n)/);
  const section = stop < 0 ? rest : rest.slice(0, stop);
  return [...section.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1] ?? '').sort();
}

const TOP_LEVEL = new Set(declaredProgram([]).commands.map((c) => c.name()));
const INVOCATIONS: Invocation[] = [
  ...MARKDOWN.flatMap(markdownInvocations),
  ...KUBERNETES.filter((p) => p.includes('job')).flatMap(kubernetesInvocations),
  ...batchInvocations(),
  ...[...KUBERNETES, 'deploy/Dockerfile'].flatMap((p) => commentInvocations(p, TOP_LEVEL)),
];

describe('auditpack command lines in deploy/ and docs/scale.md', () => {
  it('are found in every place that shows the flow', () => {
    const used = (prefix: string): Set<string | undefined> =>
      new Set(INVOCATIONS.filter((i) => i.where.startsWith(prefix)).map((i) => i.args[0]));
    for (const command of ['collect', 'merge', 'seal', 'report', 'archive', 'verify']) expect(used('docs/scale.md')).toContain(command);
    expect(used('deploy/kubernetes/collect-job.yaml: container')).toEqual(new Set(['collect']));
    expect(used('deploy/aws-batch/')).toEqual(new Set(['collect']));
  });

  it('the rebuilt program has the commands of the real one', async () => {
    const out: string[] = [];
    await main(['--help'], silentIo(out));
    const help = out.join('');
    const commands = help.slice(help.indexOf('\nCommands:\n')).split('\n\n')[0] ?? '';
    const listed = [...commands.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]).filter((name) => name !== 'help');
    expect(new Set(listed)).toEqual(TOP_LEVEL);
  });

  it.each(INVOCATIONS.map((i) => [`${i.where}: auditpack ${i.raw.join(' ')}`, i] as const))('%s', async (_, invocation) => {
    const ran: string[] = [];
    const program = declaredProgram(ran);
    try {
      await program.parseAsync(invocation.args, { from: 'user' });
    } catch (error) {
      if (error instanceof CommanderError)
        throw new Error(`${invocation.where}: auditpack ${invocation.raw.join(' ')}\n  ${error.message}`);
      throw error;
    }
    expect(ran).toHaveLength(1);
    // Every option used is one `auditpack <command> --help` prints, so the rebuilt program cannot drift from main's.
    const path = (ran[0] ?? '').split(' ');
    const command = commandOf(program, path);
    const declared = (command?.options ?? []).map((o) => o.long ?? '').filter(Boolean);
    const used = invocation.args.filter((a) => a.startsWith('--')).map((a) => a.split('=')[0] ?? a);
    const printed = await helpOptions(path);
    for (const option of used) {
      expect(declared, `${invocation.where}: ${option}`).toContain(option);
      expect(printed, `${invocation.where}: ${option}`).toContain(option);
    }
  });
});
