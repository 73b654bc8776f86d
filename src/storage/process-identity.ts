// Who a process is, precisely enough to tell a dead lock holder from a live one: a PID alone is reused, means
// nothing in another PID namespace (a second container) and nothing on another machine (a shared NFS folder).
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  /** The host name, for people; `boot` is what decides "the same machine" where it is known. */
  host: string;
  /** Linux's per-boot random id (/proc/sys/kernel/random/boot_id): equal in every container of one kernel. */
  boot: string | null;
  /** The PID namespace (Linux: "pid:[4026531836]"): PIDs compare only inside one. */
  pidNs: string | null;
  pid: number;
  /** When the process started (Linux: /proc/<pid>/stat field 22, clock ticks since boot): tells a reused PID. */
  start: string | null;
}

const readOrNull = (read: () => string): string | null => {
  try {
    const text = read().trim();
    return text === '' ? null : text;
  } catch {
    return null; // not Linux, or no procfs: that part of the identity is unknown
  }
};

/** The start time of a process in this PID namespace; null when it is gone or the platform does not say. */
export function startTimeOf(pid: number): string | null {
  const stat = readOrNull(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (stat === null) return null;
  // the command name (field 2) is in parentheses and may itself hold spaces and ')': count from the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null; // field 22 overall = the 20th after "pid (comm)"
}

let self: ProcessIdentity | undefined;

export function selfIdentity(): ProcessIdentity {
  self ??= {
    host: hostname(),
    boot: readOrNull(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
    pidNs: readOrNull(() => readlinkSync('/proc/self/ns/pid')),
    pid: process.pid,
    start: startTimeOf(process.pid),
  };
  return self;
}

function pidGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as { code?: unknown }).code === 'ESRCH'; // EPERM: it exists, owned by someone else
  }
}

/** Same kernel (by boot id where both have one, else by host name) and same PID namespace. */
export function sharesPidSpace(holder: ProcessIdentity, me: ProcessIdentity = selfIdentity()): boolean {
  const sameMachine = holder.boot !== null && me.boot !== null ? holder.boot === me.boot : holder.host === me.host;
  return sameMachine && holder.pidNs === me.pidNs;
}

/**
 * True only when the holder is certainly not running: on this machine, in this PID namespace, and its PID is
 * gone or now belongs to a process that started at another time. Anything else (another container or host,
 * no procfs) is not provable here, and only the lease's age can free it.
 */
export function provablyDead(holder: ProcessIdentity, me: ProcessIdentity = selfIdentity()): boolean {
  if (!sharesPidSpace(holder, me)) return false;
  if (pidGone(holder.pid)) return true;
  const now = startTimeOf(holder.pid);
  return holder.start !== null && now !== null && now !== holder.start;
}
