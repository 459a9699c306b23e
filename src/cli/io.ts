/** Where a command's output goes and what it may read of the process; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** True when stderr is a terminal (progress lines may redraw). */
  isTty?: boolean;
  /** True when a person can answer questions (stdin and stderr are terminals). */
  interactive?: boolean;
}
