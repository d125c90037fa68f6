// Reads many files one after the other into one reusable buffer: an open, a read and a close
// per file, where fs.readFileSync also stats each file and allocates a buffer for it. Most
// files of a project are only looked at (prefilters) and dropped, so their bytes need no home
// of their own. Used by the linter and by the codemods' pass over every project file.
import fs from 'node:fs';

export class FileReader {
  private buffer = Buffer.allocUnsafe(1 << 20);

  /** The file's bytes, in a buffer that the next read() overwrites: copy what must outlive it. */
  read(file: string): Buffer {
    const fd = fs.openSync(file, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const room = this.buffer.length - length;
        const n = fs.readSync(fd, this.buffer, length, room, null);
        length += n;
        // A read of a regular file that leaves room has reached its end: no extra read(2) to see 0.
        if (n < room) return this.buffer.subarray(0, length);
      }
    } finally {
      fs.closeSync(fd);
    }
  }
}
