import { createInterface } from 'node:readline/promises';

/** Where commands print and how they ask; main passes the real terminal, tests a fake. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly isInteractive: boolean;
  /** Asks a question on the terminal and returns the answer. */
  readonly ask: (question: string) => Promise<string>;
}

export const terminalIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isInteractive: process.stdin.isTTY === true,
  ask: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};
