import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DEMO_TEAM } from '../../src/lib/server/demo';

/** The built app as its own process, so a test can kill it with SIGKILL and start it again. */
export class ServerProcess {
	#child: ChildProcess | null = null;

	constructor(
		readonly port: number,
		readonly dataDir: string
	) {
		rmSync(dataDir, { recursive: true, force: true });
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The enrolment codes this server accepts: the one place tests take them from. */
	get codes(): { volunteer: string; lead: string } {
		return { volunteer: DEMO_TEAM.enrolCode, lead: DEMO_TEAM.leadCode };
	}

	async start(): Promise<void> {
		this.#child = spawn(process.execPath, ['scripts/start.js'], {
			env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, DOORSTEP_QUIET: '1' },
			stdio: 'ignore'
		});
		for (let i = 0; i < 100; i++) {
			try {
				if ((await fetch(this.url + '/enrol')).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error('server did not start');
	}

	/** SIGKILL: no shutdown hooks, as a crash or a pulled plug. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;
		this.#child = null;
	}
}
