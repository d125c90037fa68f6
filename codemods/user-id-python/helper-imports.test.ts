// The persag helpers' imports: one statement per module, names in isort's order, in the group
// isort puts a first-party import in; and, through the plan, one statement when the user-id
// codemod and path-refs both import from the settings module in one file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySplices } from '../../plan/text.js';
import type { EditOp } from '../../plan/types.js';
import { planPersagApp } from '../../tests/helpers/persag-plan.js';
import { helperImports, helperImportSplices } from './helper-imports.js';
import type { ImportNeed } from './imports.js';
import { loadPythonParser, withTree, type Parser } from './parser.js';
import { codeChildren } from './scope.js';

const SETTINGS = 'src/personal_agent/config/settings.py';
const need = (name: string): ImportNeed => ({ module: 'personal_agent.config.settings', name, file: SETTINGS });

let parser: Parser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

function addImports(text: string, names: string[], importer = 'src/personal_agent/core/user_manager.py'): string {
  return withTree(parser, text, (t) => applySplices(text, helperImportSplices(t.rootNode, text, names.map(need), importer)));
}

describe('helperImportSplices', () => {
  it('adds a group of its own after the standard library, a blank line on each side, and keeps the blank lines before the code', () => {
    const text = '"""Docker sync."""\nimport os\nfrom pathlib import Path\n\n# Configure logging\nlogger = None\n';
    expect(addImports(text, ['set_userid', 'persag_home'])).toBe(
      '"""Docker sync."""\nimport os\nfrom pathlib import Path\n\nfrom personal_agent.config.settings import persag_home, set_userid\n\n# Configure logging\nlogger = None\n',
    );
  });

  it('joins the project group in module order, after its plain imports', () => {
    const text = 'import os\n\nimport streamlit as st\n\n# Import project modules\nimport personal_agent\nfrom personal_agent.core.docker_integration import DockerIntegrationManager\nfrom personal_agent.streamlit.utils import get_docker_client\n\n\nclass A:\n    pass\n';
    expect(addImports(text, ['persag_home'])).toBe(
      'import os\n\nimport streamlit as st\n\n# Import project modules\nimport personal_agent\nfrom personal_agent.config.settings import persag_home\nfrom personal_agent.core.docker_integration import DockerIntegrationManager\nfrom personal_agent.streamlit.utils import get_docker_client\n\n\nclass A:\n    pass\n',
    );
  });

  it('goes before a group of relative imports, as isort orders first-party before local', () => {
    const text = 'import os\nfrom typing import Dict\n\nfrom .user_registry import UserRegistry\nfrom .lightrag_manager import LightRAGManager\n\n\nclass UserManager:\n    pass\n';
    expect(addImports(text, ['set_userid', 'persag_home'])).toBe(
      'import os\nfrom typing import Dict\n\nfrom personal_agent.config.settings import persag_home, set_userid\n\nfrom .user_registry import UserRegistry\nfrom .lightrag_manager import LightRAGManager\n\n\nclass UserManager:\n    pass\n',
    );
  });

  it('extends an import of the module, absolute or relative, at the names\' sorted places', () => {
    expect(addImports('from personal_agent.config.settings import BASE_DIR, USER_ID, get_userid\n\nX = 1\n', ['set_userid', 'persag_home']))
      .toBe('from personal_agent.config.settings import BASE_DIR, USER_ID, get_userid, persag_home, set_userid\n\nX = 1\n');
    expect(addImports('from ..config.settings import DATA_DIR, zone_of\n', ['persag_home']))
      .toBe('from ..config.settings import DATA_DIR, persag_home, zone_of\n');
    expect(addImports('from ..config.settings import (\n    BASE_DIR,\n    DATA_DIR,\n)\n', ['set_userid']))
      .toBe('from ..config.settings import (\n    BASE_DIR,\n    DATA_DIR,\n    set_userid,\n)\n');
    // A relative import of another module is not the settings module.
    expect(addImports('from .settings import DATA_DIR\n', ['persag_home']))
      .toBe('from personal_agent.config.settings import persag_home\n\nfrom .settings import DATA_DIR\n');
  });

  it('leaves an unsorted name list in its order and appends', () => {
    expect(addImports('from personal_agent.config.settings import get_userid, BASE_DIR\n', ['persag_home']))
      .toBe('from personal_agent.config.settings import get_userid, BASE_DIR, persag_home\n');
  });

  it('goes after the docstring of a module without imports, with a blank line before the code', () => {
    expect(addImports('"""Paths."""\nROOT = persag_home()\n', ['persag_home'])).toBe('"""Paths."""\nfrom personal_agent.config.settings import persag_home\n\nROOT = persag_home()\n');
  });
});

describe('helperImportSplices in a script that makes the project importable itself', () => {
  const script = 'scripts/sync.py';
  const line = 'from personal_agent.config.settings import persag_home';
  // Below module-level code: flake8 (pycodestyle) reports E402 there, so the line says it is meant.
  const marked = `${line}  # noqa: E402`;

  it('goes after the last statement that changes the import path, however it is spelled, marked noqa: E402', () => {
    for (const change of [
      'import sys as _sys\n_sys.path.insert(0, "src")',
      'from sys import path as sys_path\nsys_path.append("src")',
      'import sys\nsys.path[:0] = ["src"]',
      'import sys\nsys.path = ["src"] + sys.path',
      'import sys\nsys.path += ["src"]',
      'import site\nsite.addsitedir("src")',
      'import os, sys\nsys.path.insert(0, "src")\nos.chdir("..")',
    ]) {
      expect(addImports(`${change}\n\nX = persag_home()\n`, ['persag_home'], script), change).toBe(`${change}\n\n${marked}\n\nX = persag_home()\n`);
    }
  });

  it('counts a call of a function of the file that changes it, not the function\'s definition alone', () => {
    const setup = 'import sys\n\n\ndef _setup():\n    sys.path.insert(0, "src")\n';
    expect(addImports(`${setup}\n\n_setup()\nX = persag_home()\n`, ['persag_home'], script))
      .toBe(`${setup}\n\n_setup()\n\n${marked}\nX = persag_home()\n`);
    expect(addImports(`${setup}\n\nX = persag_home()\n`, ['persag_home'], script))
      .toBe(`import sys\n\n${line}\n\n\ndef _setup():\n    sys.path.insert(0, "src")\n\n\nX = persag_home()\n`);
  });

  it('joins the imports that follow the change on the next line', () => {
    expect(addImports('import sys\n\nsys.path.insert(0, "src")\nimport yaml\n\nX = persag_home()\n', ['persag_home'], script))
      .toBe(`import sys\n\nsys.path.insert(0, "src")\n${marked}\nimport yaml\n\nX = persag_home()\n`);
  });

  it('marks noqa: E402 only below code as pycodestyle counts it, and never an indented line', () => {
    const atTop = [
      '"""Sync tool."""\nfrom __future__ import annotations\n\nimport sys\n__all__ = ["main"]\n',
      'import sys\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import yaml\ntry:\n    import json\nexcept ImportError:\n    json = None\nwith open(__file__):\n    pass\n',
    ];
    for (const head of atTop) expect(addImports(`${head}sys.path.insert(0, "src")\n`, ['persag_home'], script), head).toContain(`\n${marked}\n`);
    for (const head of atTop) expect(addImports(`${head}\nX = persag_home()\n`, ['persag_home'], script), head).toContain(`\n${line}\n`);
    expect(addImports('"""Sync tool."""\n"""A second string is code."""\nimport sys\n\nsys.path.insert(0, "src")\n', ['persag_home'], script)).toContain(`\n${marked}\n`);
    const guarded = 'import sys\n\nROOT = "."\n\nif __name__ == "__main__":\n    sys.path.insert(0, "src")\n';
    expect(addImports(guarded, ['persag_home'], script)).toBe(`${guarded}    ${line}\n`);
  });

  it('joins a group of the project\'s imports above the change: the script imports the project there already', () => {
    expect(addImports('import sys\n\nfrom personal_agent.core import users\n\nsys.path.append("tools")\n', ['persag_home'], script))
      .toBe(`import sys\n\n${line}\nfrom personal_agent.core import users\n\nsys.path.append("tools")\n`);
  });

  it('extends module-level imports of the module in both branches of a try, not one in a function or under TYPE_CHECKING', () => {
    const text = 'import sys\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from personal_agent.config.settings import BASE_DIR\n\n\ndef f():\n    from personal_agent.config.settings import DATA_DIR\n    return DATA_DIR\n';
    expect(addImports(text, ['persag_home'], script)).toBe(text.replace('TYPE_CHECKING\n\nif', `TYPE_CHECKING\n\n${line}\n\nif`));
    const tried = 'try:\n    from ..config.settings import USER_ID\nexcept ImportError:\n    sys.path.insert(0, "src")\n    from personal_agent.config.settings import USER_ID\n';
    expect(addImports(`import sys\n\n${tried}`, ['persag_home'], 'src/personal_agent/core/x.py')).toBe(`import sys\n\n${tried.replace(/USER_ID/g, 'USER_ID, persag_home')}`);
  });
});

/** Module-level `from X import` statements of a file, keyed by the module they name (relative ones resolved). */
function fromImportsByModule(text: string, file: string): Map<string, number> {
  return withTree(parser, text, (t) => {
    const counts = new Map<string, number>();
    for (const s of codeChildren(t.rootNode)) {
      if (s.type !== 'import_from_statement') continue;
      const m = s.childForFieldName('module_name')!;
      let key = m.text;
      if (m.type === 'relative_import') {
        const dots = /^\.+/.exec(m.text)![0].length;
        let dir = path.posix.dirname(file);
        for (let i = 1; i < dots; i++) dir = path.posix.dirname(dir);
        key = path.posix.join(dir, ...m.text.slice(dots).split('.').filter(Boolean)).replace(/^src\//, '').split('/').join('.');
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  });
}

describe('persag profile: the user-id codemod and path-refs import from the settings module once', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('one statement per module in every edited file, the shared one joined, wrapped as black does', async () => {
    const { project, home, plan } = await planPersagApp(['src/personal_agent/core', 'scripts']);
    dirs.push(project, home);
    expect(plan.errors).toEqual([]);
    const edits = plan.operations.filter((o): o is EditOp => o.kind === 'edit').filter((e) => e.path.path.endsWith('.py'));
    const userManager = edits.find((e) => e.path.path === 'src/personal_agent/core/user_manager.py')!;
    expect(userManager.source).toBe('user-id-python+path-refs');
    expect(userManager.joinable).toBeUndefined();
    const outputs = new Map<string, string>();
    for (const edit of edits) {
      const original = fs.readFileSync(path.join(project, edit.path.path), 'utf8');
      const output = applySplices(original, edit.splices);
      outputs.set(edit.path.path, output);
      const before = fromImportsByModule(original, edit.path.path);
      for (const [module, n] of fromImportsByModule(output, edit.path.path)) expect(`${edit.path.path}: ${module} x${n}`).toBe(`${edit.path.path}: ${module} x${Math.max(1, before.get(module) ?? 0)}`);
    }
    expect(outputs.get('src/personal_agent/core/user_manager.py')).toContain('\nfrom ..config.settings import BASE_DIR, DATA_DIR, persag_home, set_userid\n');

    // black agrees with every import line the plan wrote (its own reformatting elsewhere aside).
    if (spawnSync('black', ['--version']).status !== 0) return console.warn('[helper-imports] black not found: formatting check SKIPPED');
    for (const [file, output] of outputs) {
      const imports = output.split('\n').filter((l) => /^from \S+ import [^(]*$/.test(l)).join('\n');
      const black = spawnSync('black', ['-q', '-l', '88', '-c', imports], { encoding: 'utf8' });
      expect(black.stdout.trimEnd(), file).toBe(imports);
    }
  });
});

describe('helper imports joining a try import whose except branch stands in for it', () => {
  const standIn = (name: string): ImportNeed => ({ ...need(name), fallback: [`def ${name}():`, '>return None'] });
  const script = (except: string) => `import os\n\ntry:\n    from personal_agent.config.settings import USER_ID as UID\n${except}    UID = os.getenv("USER_ID", "u")\n\nprint(UID)\n`;
  const run = (text: string, needs: ImportNeed[]) => withTree(parser, text, (t) => {
    const made = helperImports(t.rootNode, text, needs, 'scripts/sync.py');
    return { text: applySplices(text, made.splices), gaps: made.gaps.map((g) => g.name) };
  });

  for (const except of ['except ImportError:\n', 'except (ImportError, ModuleNotFoundError) as e:\n', 'except Exception:\n', 'except:\n']) {
    it(`gives the new name its stand-in under \`${except.trim()}\``, () => {
      expect(run(script(except), [standIn('persag_home')])).toEqual({
        text: script(except).replace('import USER_ID as UID', 'import USER_ID as UID, persag_home').replace('"u")\n', '"u")\n\n    def persag_home():\n        return None\n'),
        gaps: [],
      });
    });
  }

  it('reports a name it has no stand-in for, and leaves an except that stands in for nothing of the import alone', () => {
    expect(run(script('except ImportError:\n'), [need('set_userid')]).gaps).toEqual(['set_userid']);
    expect(run(script('except KeyError:\n'), [standIn('persag_home')]).text).not.toContain('def persag_home');
    const unrelated = 'try:\n    from personal_agent.config.settings import USER_ID\nexcept ImportError:\n    sys.exit("install the agent first")\n';
    expect(run(unrelated, [standIn('persag_home')])).toEqual({ text: unrelated.replace('import USER_ID', 'import USER_ID, persag_home'), gaps: [] });
  });
});
