// The persag home accessor's source, `persag_home()`: generated into the settings module with the
// other persag helpers, and copied as it is into a script's `except ImportError:` fallback when
// the script imports it in a `try` (it imports what it needs itself, so it runs anywhere).
import { render } from './accessor.js';
import { eolOf, indentUnit } from './layout.js';
import { HOME_ACCESSOR } from './userid-file.js';

/** Source lines of `def persag_home():`, each leading `>` one indentation unit (see `render`). */
export function homeAccessorLines(): string[] {
  return String.raw`def ${HOME_ACCESSOR}():
>"""The persag home dir: $PERSAG_HOME/.persag (or $PERSAG_HOME itself when
>it holds env.userid), else ~/.persag.
>"""
>import os
>from pathlib import Path

>home = os.environ.get("PERSAG_HOME")
>if not home:
>>return Path.home() / ".persag"
>base = Path(home)
>if (
>>not (base / ".persag" / "env.userid").exists()
>>and (base / "env.userid").exists()
>):
>>return base
>return base / ".persag"`.split('\n');
}

/**
 * The accessor's source as a stand-in for a failed import of it, when that is what the settings
 * module (its text) has or will have: it does not define it yet (the user-id codemod adds it) or
 * defines it as generated. Undefined for another accessor or a settings module's own version.
 */
export function homeAccessorFallback(accessor: string, settings: string | undefined): readonly string[] | undefined {
  if (accessor !== HOME_ACCESSOR || settings === undefined) return undefined;
  const lines = homeAccessorLines();
  if (!new RegExp(`^def ${accessor}\\b`, 'm').test(settings)) return lines;
  return settings.includes(render(lines, indentUnit(settings), eolOf(settings))) ? lines : undefined;
}
