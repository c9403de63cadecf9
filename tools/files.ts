/**
 * Reading a file a user named, safely: opened without blocking and checked on the open descriptor, so a FIFO, a
 * device (`/dev/zero`) or a directory is refused at once instead of hanging or filling the memory.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Stats } from 'node:fs';

/** A file that cannot be read as one; `reason` says why in a few words ("no such file", "is a FIFO …"). */
export class FileProblem extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FileProblem';
  }
}

/** What a path that is not a regular file is. */
export const fileKind = (stats: Stats): string =>
  stats.isDirectory() ? 'is a directory'
    : stats.isFIFO() ? 'is a FIFO (named pipe), not a file'
      : stats.isCharacterDevice() || stats.isBlockDevice() ? 'is a device, not a file'
        : stats.isSocket() ? 'is a socket, not a file'
          : 'is not a regular file';

/** Why an fs call on a file the user named failed, in a few words. */
export const fsReason = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file'
    : code === 'EISDIR' ? 'is a directory'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
        : code === 'ENOTDIR' ? 'a part of the path is not a directory'
          : code === 'ELOOP' ? 'too many symbolic links'
            : code === 'ERR_FS_FILE_TOO_LARGE' ? 'too large to read'
              : code ?? (err as Error).message;
};

/** The UTF-8 text of a regular file; a FileProblem otherwise. */
export const readTextFile = (path: string): string => {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new FileProblem(fsReason(err));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileProblem(fileKind(stats));
    return readFileSync(fd, 'utf8');
  } catch (err) {
    throw err instanceof FileProblem ? err : new FileProblem(fsReason(err));
  } finally {
    closeSync(fd);
  }
};
