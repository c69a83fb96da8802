import { type ChildProcess, spawn } from "node:child_process";

const running = new Set<ServiceProcess>();
// Whatever ends this process, no service may outlive it: a stale chain or indexer would hold its
// port and its data for the next run.
process.on("exit", () => {
  for (const service of running) service.kill();
});

export interface ServiceOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Where the service's output goes; by default each line is prefixed with its name. */
  onLine?: (line: string) => void;
}

/**
 * A child process of the stack, started in its own process group so that stopping it stops
 * everything it started (pnpm → node → workers).
 */
export class ServiceProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private stopping = false;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: ServiceOptions,
  ) {
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const onLine = options.onLine ?? ((line: string) => console.log(`[${name}] ${line}`));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let buffered = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) onLine(line);
      });
    }
    running.add(this);
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code) => {
        running.delete(this);
        resolve(code);
      });
      this.child.once("error", (error) => {
        onLine(`failed to start: ${error.message}`);
        resolve(-1);
      });
    });
  }

  /** The process id of the group's leader (undefined when it failed to start). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** SIGTERM to the whole group, SIGKILL after the grace period. */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.pid === undefined) return;
    this.signal("SIGTERM");
    const timer = setTimeout(() => this.signal("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
    this.signal("SIGKILL");
  }

  /** Kills at once, as a crash would (used by restart tests). */
  kill(): void {
    this.stopping = true;
    this.signal("SIGKILL");
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      if (this.child.pid !== undefined) process.kill(-this.child.pid, signal);
    } catch {
      // The group is already gone.
    }
  }
}
