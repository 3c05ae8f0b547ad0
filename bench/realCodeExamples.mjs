// The real-code bench's behaviour check: a package's runnable example runs on a copy of the package as
// packed and on a copy with every fixable site rewritten (fixAll, .then), and what it prints, how it
// exits and what it leaves on disk must be the same. Only packages that run with no dependencies of their
// own and have an example that reaches their rewritten code are listed; the rest are said so.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  lstatSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';

/**
 * Per package: an example that runs in `work` (a fresh folder) against the package at `pkg`; returns
 * what it printed. ncp's own command line (bin/ncp) copies a tree holding symlinks twice: the first copy
 * replaces a link that points elsewhere (the rewritten `isWritable` → `fs.readlink` → `rmFile` pyramid),
 * the second finds the links already right (its early `return cb()`).
 */
export const EXAMPLES = {
  'ncp@2.0.0': (pkg, work) => {
    const src = join(work, 'src');
    const dest = join(work, 'dest');
    mkdirSync(join(src, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'a\n');
    writeFileSync(join(src, 'sub', 'b.txt'), 'b\n');
    writeFileSync(join(src, 'sub', 'deeper', 'c.txt'), 'c\n');
    symlinkSync('a.txt', join(src, 'link'));
    symlinkSync('../a.txt', join(src, 'sub', 'up'));
    mkdirSync(dest);
    symlinkSync('elsewhere', join(dest, 'link'));
    const runs = [1, 2].map((n) => {
      const r = spawnSync(process.execPath, [join(pkg, 'bin', 'ncp'), src, dest], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      return `run ${n}: exit ${r.status}\n${r.stdout}${r.stderr}`.split(work).join('<work>');
    });
    return `${runs.join('')}${tree(dest, dest)}`;
  },
};

/** The folder as text: each path, and a file's content or a link's target. */
function tree(dir, root) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    const rel = relative(root, path);
    if (stat.isSymbolicLink()) out.push(`${rel} -> ${readlinkSync(path).split(root).join('<dest>')}`);
    else if (stat.isDirectory()) out.push(`${rel}/`, ...tree(path, root).split('\n').filter(Boolean));
    else out.push(`${rel}: ${JSON.stringify(readFileSync(path, 'utf8'))}`);
  }
  return out.join('\n') + '\n';
}

/**
 * Runs the package's example before and after rewriting `files` (paths inside `dir`) with `fixAll`.
 * Returns undefined when the package has no example here, else how many sites were rewritten and
 * whether the outputs matched (with both outputs when they did not).
 */
export function compareExample(spec, dir, files, fixAll) {
  const example = EXAMPLES[spec];
  if (!example) return undefined;
  const base = mkdtempSync(join(tmpdir(), 'promise-lens-real-code-'));
  try {
    const before = join(base, 'before');
    const after = join(base, 'after');
    cpSync(dir, before, { recursive: true });
    cpSync(dir, after, { recursive: true });
    let rewritten = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const result = fixAll(text, 'JS', 'then');
      if (result.fixed === 0) continue;
      rewritten += result.fixed;
      writeFileSync(join(after, relative(dir, file)), result.text);
    }
    const outputs = ['before', 'after'].map((side) => {
      const work = join(base, `${side}-work`);
      mkdirSync(work);
      return example(join(base, side), work);
    });
    return { rewritten, same: outputs[0] === outputs[1], before: outputs[0], after: outputs[1] };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
