// Directory listings read once per run: checks that look at many entries of one directory (a
// plan's preconditions, the temp files an interrupted run left) read the directory once
// instead of asking about each entry.
import fs from 'node:fs';
import path from 'node:path';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** A directory's entries by name, or null when the path is missing or not a directory. */
export type Listing = ReadonlyMap<string, EntryKind> | null;

function kindOf(d: fs.Dirent, dir: string): EntryKind {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isDirectory()) return 'dir';
  if (d.isFile()) return 'file';
  // Filesystems without d_type leave the kind unknown: ask lstat then.
  if (!d.isFIFO() && !d.isSocket() && !d.isCharacterDevice() && !d.isBlockDevice()) {
    const st = fs.lstatSync(`${dir}/${d.name}`);
    if (st.isSymbolicLink()) return 'symlink';
    if (st.isDirectory()) return 'dir';
    if (st.isFile()) return 'file';
  }
  return 'other';
}

function toListing(dirents: fs.Dirent[], dir: string): Listing {
  const out = new Map<string, EntryKind>();
  for (const d of dirents) out.set(d.name, kindOf(d, dir));
  return out;
}

function missing(e: unknown): Listing {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return null;
  throw e;
}

export function readListing(dir: string): Listing {
  try {
    return toListing(fs.readdirSync(dir, { withFileTypes: true }), dir);
  } catch (e) {
    return missing(e);
  }
}

async function readListingAsync(dir: string): Promise<Listing> {
  try {
    return toListing(await fs.promises.readdir(dir, { withFileTypes: true }), dir);
  } catch (e) {
    return missing(e);
  }
}

/** How many directory reads run at once: the syscalls of a big walk then use every core. */
const READS_IN_FLIGHT = 8;

/** Listings memoised for one pass over a tree that nothing else changes meanwhile. */
export class ListingCache {
  private readonly listings = new Map<string, Listing>();
  /** Whether a dir still holds what its quick-check keys say, by dir: trees that nest share their dirs. */
  readonly unchanged = new Map<string, { keys: string; ok: boolean }>();
  /** Paths this pass found missing: nothing below them is there either. */
  readonly absent = new Set<string>();

  get(dir: string): Listing {
    let l = this.listings.get(dir);
    if (l === undefined) {
      l = readListing(dir);
      this.listings.set(dir, l);
    }
    return l;
  }

  has(dir: string): boolean {
    return this.listings.has(dir);
  }

  /**
   * Reads the listings of `dirs` (and, for `deep` ones, of every dir below them) ahead of a
   * synchronous check, several at a time on libuv's threads.
   */
  async prefetch(dirs: Iterable<{ dir: string; deep: boolean }>): Promise<void> {
    const queue = [...dirs];
    let inFlight = 0;
    await new Promise<void>((resolve, reject) => {
      const pump = (): void => {
        while (inFlight < READS_IN_FLIGHT && queue.length > 0) {
          const { dir, deep } = queue.pop()!;
          if (this.listings.has(dir)) continue;
          this.listings.set(dir, null); // claimed; set for real below
          inFlight++;
          readListingAsync(dir).then((listing) => {
            this.listings.set(dir, listing);
            if (deep && listing) for (const [name, kind] of listing) if (kind === 'dir') queue.push({ dir: path.join(dir, name), deep });
            inFlight--;
            pump();
          }, reject);
        }
        if (inFlight === 0 && queue.length === 0) resolve();
      };
      pump();
    });
  }
}
