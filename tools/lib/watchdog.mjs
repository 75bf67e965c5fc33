// A last resort for test runs: kills, with SIGKILL and every descendant, a child process
// that has outlived its time limit.
//
// Node's test runner answers a test file that outlives --test-timeout with SIGTERM and then
// waits for it to exit. A file whose main thread is stuck in native code (session 4: a
// crypto deadlock in Node 20) or that handles SIGTERM without exiting (Nest's shutdown
// hooks do, in JavaScript that a stuck thread never runs) never exits, and the whole run
// hangs until CI's own limit. The watchdog turns that into one failed file.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports /proc start times in USER_HZ, 100 per second on every architecture node runs on. */
const USER_HZ = 100;

/** Every process: pid, parent pid, start (seconds since boot). */
function processes() {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt
      // cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(entry), ppid: Number(f[1]), start: Number(f[19]) / USER_HZ });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function secondsSinceBoot() {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** `pid` and all its descendants, parents before children. */
function treeOf(all, pid) {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    tree.push(...all.filter((p) => p.ppid === tree[i]).map((p) => p.pid));
  }
  return tree;
}

/**
 * Every `intervalMs`, SIGKILLs each child of `parentPid` older than `limitMs`, together with
 * its descendants (servers a test started would otherwise live on, holding ports).
 * `onKill({ pid, ageMs, command })` hears of each. Returns a function that stops watching.
 * Linux only (reads /proc); elsewhere it watches nothing.
 */
export function startWatchdog(parentPid, limitMs, { intervalMs = 10_000, onKill } = {}) {
  const killed = new Set();
  const tick = () => {
    let all;
    try {
      all = processes();
    } catch {
      return; // no /proc
    }
    const now = secondsSinceBoot();
    for (const child of all.filter((p) => p.ppid === parentPid && !killed.has(p.pid))) {
      const ageMs = (now - child.start) * 1000;
      if (ageMs <= limitMs) {
        continue;
      }
      killed.add(child.pid);
      const command = commandLine(child.pid);
      for (const pid of treeOf(all, child.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      onKill?.({ pid: child.pid, ageMs, command });
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
