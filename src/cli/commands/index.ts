// One line per command; each module adds its subcommand to the program.
import type { Command } from 'commander';
import { registerDecode } from './decode.ts';
import { registerDevices } from './devices.ts';
import { registerEvents } from './events.ts';
import { registerRebuild } from './rebuild.ts';
import { registerReplay } from './replay.ts';
import { registerServe } from './serve.ts';
import { registerStats } from './stats.ts';
import { registerSimulate } from './simulate.ts';
import { registerToken } from './token.ts';
import { registerForget } from './forget.ts';

export type SetExitCode = (code: number) => void;

export function registerCommands(program: Command, setExitCode: SetExitCode): void {
  registerDecode(program, setExitCode);
  registerDevices(program, setExitCode);
  registerReplay(program, setExitCode);
  registerRebuild(program, setExitCode);
  registerEvents(program, setExitCode);
  registerStats(program, setExitCode);
  registerSimulate(program, setExitCode);
  registerToken(program, setExitCode);
  registerForget(program, setExitCode);
  registerServe(program, setExitCode);
}
