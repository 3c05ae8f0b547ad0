import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../shared/paths';

interface Command {
  command: string;
  title: string;
  category?: string;
}
interface MenuEntry {
  command: string;
  when?: string;
}
interface Setting {
  description?: string;
  markdownDescription?: string;
  scope?: string;
  default?: unknown;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const commands: Command[] = manifest.contributes.commands;
const menus: Record<string, MenuEntry[]> = manifest.contributes.menus;
const settings: Record<string, Setting> = manifest.contributes.configuration.properties;

describe('package.json conventions', () => {
  it('gives every command a category and a title', () => {
    assert.ok(commands.length > 0);
    for (const command of commands) {
      assert.equal(command.category, 'Promise Lens', `${command.command} has no category`);
      assert.ok(command.title.length > 0, `${command.command} has no title`);
      assert.match(command.command, /^promiseLens\./);
    }
  });

  it('gives every menu entry a when clause and points it at a declared command', () => {
    const declared = new Set(commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(menus)) {
      for (const entry of entries) {
        assert.ok(entry.when, `${menu} entry for ${entry.command} has no when clause`);
        assert.ok(declared.has(entry.command), `${menu} names undeclared ${entry.command}`);
      }
    }
  });

  it('shows Trace promises only in JavaScript and TypeScript editors', () => {
    const entry = menus['editor/context'].find((e) => e.command === 'promiseLens.trace');
    assert.ok(entry?.when);
    const languages = /=~ \/\^\(([^)]*)\)\$\//.exec(entry.when)?.[1].split('|');
    assert.deepEqual(languages?.sort(), ['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);
  });

  it('offers Predict the Order in JavaScript and TypeScript editors, from the context menu and the palette', () => {
    const command = commands.find((c) => c.command === 'promiseLens.predictOrder');
    assert.equal(command?.title, 'Predict the Order');
    for (const menu of ['editor/context', 'commandPalette']) {
      const entry = menus[menu].find((e) => e.command === 'promiseLens.predictOrder');
      assert.ok(entry?.when, `${menu} has Predict the Order`);
      const languages = /=~ \/\^\(([^)]*)\)\$\//.exec(entry.when)?.[1].split('|');
      assert.deepEqual(languages?.sort(), ['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);
    }
  });

  it('gives every setting a description, a scope and a default', () => {
    for (const [key, setting] of Object.entries(settings)) {
      assert.ok(setting.markdownDescription ?? setting.description, `${key} has no description`);
      assert.ok(setting.scope, `${key} has no scope`);
      assert.ok('default' in setting, `${key} has no default`);
    }
  });

  it('declares limited support in untrusted workspaces and restricts what chooses the runtime', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.restrictedConfigurations.includes('promiseLens.nodePath'));
    for (const key of untrusted.restrictedConfigurations) assert.ok(settings[key], `${key} is not a setting`);
  });

  it('lets VS Code 1.99 load it and ships the bundle and the CLI', () => {
    assert.equal(manifest.engines.vscode, '^1.90.0');
    assert.match(manifest.devDependencies['@types/vscode'], /^1\.90\./);
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin['promise-lens'], './dist/cli.js');
    assert.match(manifest.dependencies.typescript, /^~5\.9\./);
  });
});
