// Test support: runs the codemod on one file placed in a small virtual persag-like project
// (settings module defining the constant, a config package re-exporting it), as the fixtures
// and unit tests need it. Not used by the plan itself.
import { applySplices } from '../../plan/text.js';
import { loadPythonParser } from './parser.js';
import { projectModules } from './project.js';
import { transformPython, type PythonUserIdOptions, type TransformResult } from './transform.js';

export const VIRTUAL_PROJECT: Readonly<Record<string, string>> = {
  'src/personal_agent/__init__.py': '',
  'src/personal_agent/config/__init__.py': 'from .settings import DATA_DIR, USER_ID\n',
  'src/personal_agent/config/settings.py': 'import os\nDATA_DIR = "/data"\nUSER_ID = os.getenv("USER_ID", "default_user")\n',
  'src/personal_agent/core/__init__.py': '',
  'src/personal_agent/tools/__init__.py': '',
  'src/personal_agent/web/__init__.py': '',
};

export const DEFAULT_OPTIONS: PythonUserIdOptions = { constant: 'USER_ID', accessor: 'get_userid', target: [3, 9], persagHome: false };

export async function runInVirtualProject(
  text: string,
  file: string,
  options: Partial<PythonUserIdOptions> = {},
): Promise<TransformResult & { output: string }> {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const parser = await loadPythonParser();
  const texts = new Map(Object.entries(VIRTUAL_PROJECT));
  texts.set(file, text);
  const { view } = projectModules(parser, opts, { pythonFiles: [...texts.keys()], texts, editable: () => true });
  const result = transformPython(parser, text, file, opts, view);
  return { ...result, output: applySplices(text, result.splices) };
}
